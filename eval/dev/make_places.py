# Writes eval/dev/places.jsonl: python eval/dev/make_places.py eval/dev/places.jsonl. All written by hand.
import json
import sys

F, T, S, N = "fromloc", "toloc", "stoploc", "none"
C, AC, AN, ST, CO, NK, MC = "city", "airport_code", "airport_name", "state", "country", "nickname", "metro_code"

ROWS = []


def r(cat, text, *places):
    ps = []
    for p in places:
        d = {"text": p[0], "role": p[1], "kind": p[2], "first_airport": p[3]}
        if len(p) > 4 and p[4]:
            d["note"] = p[4]
        ps.append(d)
    ROWS.append({"text": text, "places": ps, "category": cat})


W = "world_city"
# ---------------- world_city ----------------
r(W, "flights from Nairobi to Lagos next tuesday", ("Nairobi", F, C, "NBO"), ("Lagos", T, C, "LOS"))
r(W, "accra to casablanca", ("accra", F, C, "ACC"), ("casablanca", T, C, "CMN"))
r(
    W,
    "I need to get from Johannesburg to Cape Town on the 14th",
    ("Johannesburg", F, C, "JNB"),
    ("Cape Town", T, C, "CPT"),
)
r(W, "cheapest flight dar es salaam to kigali", ("dar es salaam", F, C, "DAR"), ("kigali", T, C, "KGL"))
r(W, "Leaving Marrakech Friday morning, heading to Lisbon", ("Marrakech", F, C, "RAK"), ("Lisbon", T, C, "LIS"))
r(W, "looking for a one way out of Cairo into Amman", ("Cairo", F, C, "CAI"), ("Amman", T, C, "AMM"))
r(
    W,
    "what flights go from Dakar to Abidjan?",
    ("Dakar", F, C, "DSS", "Blaise Diagne (DSS) replaced Dakar-Yoff (DKR) in 2017"),
    ("Abidjan", T, C, "ABJ"),
)
r(W, "need to be in Algiers tomorrow, flying out of Tunis", ("Algiers", T, C, "ALG"), ("Tunis", F, C, "TUN"))
r(W, "i'd like to fly lusaka to harare please", ("lusaka", F, C, "LUN"), ("harare", T, C, "HRE"))
r(W, "On June 4 I want to go from Windhoek to Maputo", ("Windhoek", F, C, "WDH"), ("Maputo", T, C, "MPM"))
r(W, "get me to Zanzibar from Nairobi on the 2nd", ("Zanzibar", T, C, "ZNZ"), ("Nairobi", F, C, "NBO"))
r(
    W,
    "Departing Durban on March 3, arriving in Port Louis",
    ("Durban", F, C, "DUR"),
    ("Port Louis", T, C, "MRU", "Port Louis is served by Sir Seewoosagur Ramgoolam (MRU)"),
)
r(W, "FROM ABUJA TO LAGOS TONIGHT", ("ABUJA", F, C, "ABV"), ("LAGOS", T, C, "LOS"))
r(W, "flights to Gaborone leaving Johannesburg monday", ("Gaborone", T, C, "GBE"), ("Johannesburg", F, C, "JNB"))
r(
    W,
    "Victoria Falls from Cape Town, two adults",
    ("Victoria Falls", T, C, "VFA", "Victoria Falls, Zimbabwe; Livingstone (LVI) serves the Zambian side"),
    ("Cape Town", F, C, "CPT"),
)
r(W, "sharm el sheikh to luxor", ("sharm el sheikh", F, C, "SSH"), ("luxor", T, C, "LXR"))
r(W, "any flights out of Ouagadougou to Bamako this week", ("Ouagadougou", F, C, "OUA"), ("Bamako", T, C, "BKO"))
r(
    W,
    "Bangkok to Chiang Mai on the 2nd",
    ("Bangkok", F, C, "BKK", "Suvarnabhumi; Don Mueang (DMK) also serves Bangkok"),
    ("Chiang Mai", T, C, "CNX"),
)
r(W, "hanoi to da nang tomorrow morning", ("hanoi", F, C, "HAN"), ("da nang", T, C, "DAD"))
r(W, "I want to fly from Kathmandu to Dhaka", ("Kathmandu", F, C, "KTM"), ("Dhaka", T, C, "DAC"))
r(W, "colombo to male on the 30th", ("colombo", F, C, "CMB"), ("male", T, C, "MLE", "Malé, Maldives (Velana)"))
r(W, "Karachi - Lahore friday", ("Karachi", F, C, "KHI"), ("Lahore", T, C, "LHE"))
r(W, "new delhi to bengaluru tomorrow evening", ("new delhi", F, C, "DEL"), ("bengaluru", T, C, "BLR"))
r(W, "Is there a direct flight from Chennai to Kochi?", ("Chennai", F, C, "MAA"), ("Kochi", T, C, "COK"))
r(
    W,
    "what's the cheapest way to fly from Hyderabad to Jaipur",
    ("Hyderabad", F, C, "HYD", "Hyderabad, India (Rajiv Gandhi)"),
    ("Jaipur", T, C, "JAI"),
)
r(W, "From Jakarta to Surabaya on the 9th of July", ("Jakarta", F, C, "CGK"), ("Surabaya", T, C, "SUB"))
r(W, "kuala lumpur to kota kinabalu", ("kuala lumpur", F, C, "KUL"), ("kota kinabalu", T, C, "BKI"))
r(W, "Penang to Singapore, leaving after 6pm", ("Penang", F, C, "PEN"), ("Singapore", T, C, "SIN"))
r(W, "on the 20th i'm flying Xi'an to Kunming", ("Xi'an", F, C, "XIY"), ("Kunming", T, C, "KMG"))
r(W, "show me flights from Busan to Jeju", ("Busan", F, C, "PUS"), ("Jeju", T, C, "CJU"))
r(W, "Next Friday, Sapporo to Fukuoka", ("Sapporo", F, C, "CTS", "New Chitose"), ("Fukuoka", T, C, "FUK"))
r(W, "almaty tashkent one way", ("almaty", F, C, "ALA"), ("tashkent", T, C, "TAS"))
r(
    W,
    "Samarkand from Istanbul",
    ("Samarkand", T, C, "SKD"),
    ("Istanbul", F, C, "IST", "Istanbul Airport; Sabiha Gökçen (SAW) also serves Istanbul"),
)
r(W, "tbilisi-yerevan return flights", ("tbilisi", F, C, "TBS"), ("yerevan", T, C, "EVN"))
r(W, "Baku to Dubai over the weekend", ("Baku", F, C, "GYD"), ("Dubai", T, C, "DXB"))
r(W, "ABU DHABI TO MUSCAT", ("ABU DHABI", F, C, "AUH"), ("MUSCAT", T, C, "MCT"))
r(W, "Tel Aviv to Athens, Sunday", ("Tel Aviv", F, C, "TLV"), ("Athens", T, C, "ATH"))
r(
    W,
    "can i fly from ulaanbaatar to seoul in may",
    ("ulaanbaatar", F, C, "UBN", "Chinggis Khaan (UBN) replaced Buyant-Ukhaa (ULN) in 2021"),
    ("seoul", T, C, "ICN"),
)
r(W, "Are there any flights between Vientiane and Yangon?", ("Vientiane", F, C, "VTE"), ("Yangon", T, C, "RGN"))
r(W, "Porto to Faro on saturday", ("Porto", F, C, "OPO"), ("Faro", T, C, "FAO"))
r(W, "I'm going to Bilbao from Seville next month", ("Bilbao", T, C, "BIO"), ("Seville", F, C, "SVQ"))
r(W, "flights from bordeaux to lyon", ("bordeaux", F, C, "BOD"), ("lyon", T, C, "LYS"))
r(W, "Nice to Split in July", ("Nice", F, C, "NCE", "Nice, France"), ("Split", T, C, "SPU", "Split, Croatia"))
r(W, "we are flying into Toulouse from Marseille", ("Toulouse", T, C, "TLS"), ("Marseille", F, C, "MRS"))
r(W, "Geneva to Zürich, the 7:00 one", ("Geneva", F, C, "GVA"), ("Zürich", T, C, "ZRH"))
r(W, "munich to hamburg on the 5th", ("munich", F, C, "MUC"), ("hamburg", T, C, "HAM"))
r(W, "Düsseldorf to Vienna, returning the 12th", ("Düsseldorf", F, C, "DUS"), ("Vienna", T, C, "VIE"))
r(
    W,
    "budapest to warsaw tomorrow",
    ("budapest", F, C, "BUD"),
    ("warsaw", T, C, "WAW", "Chopin; Modlin (WMI) also serves Warsaw"),
)
r(W, "Kraków to Gdańsk", ("Kraków", F, C, "KRK"), ("Gdańsk", T, C, "GDN"))
r(W, "TALLINN TO HELSINKI", ("TALLINN", F, C, "TLL"), ("HELSINKI", T, C, "HEL"))
r(
    W,
    "Stockholm to Gothenburg early morning",
    ("Stockholm", F, C, "ARN", "Arlanda; Bromma (BMA) also serves Stockholm"),
    ("Gothenburg", T, C, "GOT"),
)
r(W, "Is there anything from Oslo up to Tromsø on Thursday?", ("Oslo", F, C, "OSL"), ("Tromsø", T, C, "TOS"))
r(W, "bergen copenhagen round trip", ("bergen", F, C, "BGO"), ("copenhagen", T, C, "CPH"))
r(
    W,
    "Reykjavik to Dublin please",
    ("Reykjavik", F, C, "KEF", "Keflavík is Reykjavík's international airport; RKV is domestic"),
    ("Dublin", T, C, "DUB"),
)
r(W, "need a flight Cork to Edinburgh on the 18th", ("Cork", F, C, "ORK"), ("Edinburgh", T, C, "EDI"))
r(
    W,
    "glasgow to belfast",
    ("glasgow", F, C, "GLA"),
    ("belfast", T, C, "BFS", "Belfast International; George Best Belfast City (BHD) also serves Belfast"),
)
r(
    W,
    "Flying out of Newcastle upon Tyne to Amsterdam next Thursday",
    ("Newcastle upon Tyne", F, C, "NCL"),
    ("Amsterdam", T, C, "AMS"),
)
r(W, "Thessaloniki to Heraklion for 3 people on August 2", ("Thessaloniki", F, C, "SKG"), ("Heraklion", T, C, "HER"))
r(W, "sofia to bucharest on the 11th", ("sofia", F, C, "SOF"), ("bucharest", T, C, "OTP"))
r(W, "What time does the first flight leave Belgrade for Zagreb?", ("Belgrade", F, C, "BEG"), ("Zagreb", T, C, "ZAG"))
r(W, "I need a flight into Skopje, coming from Sarajevo", ("Skopje", T, C, "SKP"), ("Sarajevo", F, C, "SJJ"))
r(
    W,
    "hi, looking for flights departing Tirana and landing in Naples on the 6th",
    ("Tirana", F, C, "TIA"),
    ("Naples", T, C, "NAP", "Naples, Italy"),
)
r(
    W,
    "Venice to Palermo, one adult, no checked bags",
    ("Venice", F, C, "VCE", "Marco Polo; Treviso (TSF) also serves Venice"),
    ("Palermo", T, C, "PMO"),
)
r(W, "any cheap tickets florence to catania", ("florence", F, C, "FLR", "Florence, Italy"), ("catania", T, C, "CTA"))
r(
    W,
    "Book me Toronto to Halifax for the long weekend",
    ("Toronto", F, C, "YYZ", "Pearson; Billy Bishop (YTZ) also serves Toronto"),
    ("Halifax", T, C, "YHZ"),
)
r(W, "calgary to whitehorse", ("calgary", F, C, "YYC"), ("whitehorse", T, C, "YXY"))
r(W, "Ottawa to Winnipeg on the 1st", ("Ottawa", F, C, "YOW"), ("Winnipeg", T, C, "YWG"))
r(W, "Anchorage-Fairbanks", ("Anchorage", F, C, "ANC"), ("Fairbanks", T, C, "FAI"))
r(W, "i need to get home to seattle from juneau", ("seattle", T, C, "SEA"), ("juneau", F, C, "JNU"))
r(
    W,
    "What's the earliest flight out of Salt Lake City headed to Albuquerque?",
    ("Salt Lake City", F, C, "SLC"),
    ("Albuquerque", T, C, "ABQ"),
)
r(W, "flights departing tucson for el paso", ("tucson", F, C, "TUS"), ("el paso", T, C, "ELP"))
r(W, "SAN ANTONIO TO OKLAHOMA CITY MONDAY", ("SAN ANTONIO", F, C, "SAT"), ("OKLAHOMA CITY", T, C, "OKC"))
r(W, "escaping the snow: Buffalo to Tampa in January", ("Buffalo", F, C, "BUF"), ("Tampa", T, C, "TPA"))
r(
    W,
    "Mobile to Houston",
    ("Mobile", F, C, "MOB", "Mobile, Alabama"),
    ("Houston", T, C, "IAH", "Bush Intercontinental; Hobby (HOU) also serves Houston"),
)
r(W, "flying Grand Rapids to Fort Myers in February", ("Grand Rapids", F, C, "GRR"), ("Fort Myers", T, C, "RSW"))
r(
    W,
    "Mexico City to Guadalajara on the 15th, returning the 18th",
    ("Mexico City", F, C, "MEX", "Benito Juárez; Felipe Ángeles (NLU) also serves Mexico City"),
    ("Guadalajara", T, C, "GDL"),
)
r(W, "monterrey to cancún", ("monterrey", F, C, "MTY"), ("cancún", T, C, "CUN"))
r(
    W,
    "can I fly direct from Havana to Santo Domingo",
    ("Havana", F, C, "HAV"),
    ("Santo Domingo", T, C, "SDQ", "Las Américas"),
)
r(W, "Flights for Port of Spain leaving from Bridgetown", ("Port of Spain", T, C, "POS"), ("Bridgetown", F, C, "BGI"))
r(W, "Guatemala City to San Salvador", ("Guatemala City", F, C, "GUA"), ("San Salvador", T, C, "SAL"))
r(
    W,
    "Panama City to Bogotá tomorrow afternoon",
    (
        "Panama City",
        F,
        C,
        "PTY",
        "Panama City, Panama (Tocumen), read from the destination; Panama City, Florida is ECP",
    ),
    ("Bogotá", T, C, "BOG"),
)
r(
    W,
    "I'm in Medellín and want to get to Cartagena this weekend",
    ("Medellín", F, C, "MDE", "José María Córdova; Olaya Herrera (EOH) is regional"),
    ("Cartagena", T, C, "CTG", "Cartagena, Colombia"),
)
r(W, "lima to cusco", ("lima", F, C, "LIM"), ("cusco", T, C, "CUZ"))
r(
    W,
    "La Paz to Santa Cruz",
    ("La Paz", F, C, "LPB", "La Paz, Bolivia"),
    ("Santa Cruz", T, C, "VVI", "Santa Cruz de la Sierra, Bolivia, read from the origin"),
)
r(
    W,
    "how much is a ticket Buenos Aires to Ushuaia in November",
    ("Buenos Aires", F, C, "EZE", "Ezeiza; Aeroparque (AEP) carries most domestic flights"),
    ("Ushuaia", T, C, "USH"),
)
r(W, "Montevideo to Asunción", ("Montevideo", F, C, "MVD"), ("Asunción", T, C, "ASU"))
r(W, "RECIFE TO FORTALEZA", ("RECIFE", F, C, "REC"), ("FORTALEZA", T, C, "FOR"))
r(
    W,
    "manaus to belo horizonte next week",
    ("manaus", F, C, "MAO"),
    ("belo horizonte", T, C, "CNF", "Confins; Pampulha (PLU) is domestic"),
)
r(W, "Perth to Adelaide, arriving before noon", ("Perth", F, C, "PER", "Perth, Australia"), ("Adelaide", T, C, "ADL"))
r(W, "fly me from Hobart to Darwin", ("Hobart", F, C, "HBA"), ("Darwin", T, C, "DRW"))
r(W, "auckland to queenstown", ("auckland", F, C, "AKL"), ("queenstown", T, C, "ZQN", "Queenstown, New Zealand"))
r(W, "Wellington to Christchurch on Boxing Day", ("Wellington", F, C, "WLG"), ("Christchurch", T, C, "CHC"))
r(W, "Nouméa to Sydney", ("Nouméa", F, C, "NOU"), ("Sydney", T, C, "SYD"))
r(
    W,
    "which airport is closest to Reading",
    ("Reading", N, C, "LHR", "Reading, England; Heathrow is the nearest major airport"),
)
r(W, "what airports serve Bend?", ("Bend", N, C, "RDM", "Bend, Oregon is served by Roberts Field, Redmond (RDM)"))
r(W, "billings to victoria", ("billings", F, C, "BIL"), ("victoria", T, C, "YYJ", "Victoria, British Columbia"))

AC_ = "airport_code"
# ---------------- airport_code ----------------
r(AC_, "bos-lax", ("bos", F, AC, "BOS"), ("lax", T, AC, "LAX"))
r(AC_, "yyz to yvr", ("yyz", F, AC, "YYZ"), ("yvr", T, AC, "YVR"))
r(AC_, "JFK to CDG on the 12th", ("JFK", F, AC, "JFK"), ("CDG", T, AC, "CDG"))
r(AC_, "out of EWR into MIA", ("EWR", F, AC, "EWR"), ("MIA", T, AC, "MIA"))
r(AC_, "flights from ATL to SEA tomorrow", ("ATL", F, AC, "ATL"), ("SEA", T, AC, "SEA"))
r(AC_, "DEN-PHX", ("DEN", F, AC, "DEN"), ("PHX", T, AC, "PHX"))
r(AC_, "sea to anc", ("sea", F, AC, "SEA"), ("anc", T, AC, "ANC"))
r(AC_, "I'm flying out of DFW, need to get into LGA by 5pm", ("DFW", F, AC, "DFW"), ("LGA", T, AC, "LGA"))
r(AC_, "any nonstops ord to sfo?", ("ord", F, AC, "ORD"), ("sfo", T, AC, "SFO"))
r(AC_, "what airport is MSY", ("MSY", N, AC, "MSY"))
r(AC_, "where is bzn", ("bzn", N, AC, "BZN"))
r(AC_, "from icn to bkk", ("icn", F, AC, "ICN"), ("bkk", T, AC, "BKK"))
r(AC_, "hkg to syd next thursday", ("hkg", F, AC, "HKG"), ("syd", T, AC, "SYD"))
r(AC_, "DXB TO JNB", ("DXB", F, AC, "DXB"), ("JNB", T, AC, "JNB"))
r(AC_, "AMS-KEF", ("AMS", F, AC, "AMS"), ("KEF", T, AC, "KEF"))
r(AC_, "fco to ath one way", ("fco", F, AC, "FCO"), ("ath", T, AC, "ATH"))
r(AC_, "mad to lis tomorrow", ("mad", F, AC, "MAD"), ("lis", T, AC, "LIS"))
r(AC_, "BER to MUC on Friday", ("BER", F, AC, "BER"), ("MUC", T, AC, "MUC"))
r(AC_, "zrh to vie", ("zrh", F, AC, "ZRH"), ("vie", T, AC, "VIE"))
r(AC_, "cph-arn", ("cph", F, AC, "CPH"), ("arn", T, AC, "ARN"))
r(AC_, "Is there a flight from DOH to MLE on Sunday?", ("DOH", F, AC, "DOH"), ("MLE", T, AC, "MLE"))
r(AC_, "sin to per", ("sin", F, AC, "SIN"), ("per", T, AC, "PER"))
r(AC_, "akl-nan", ("akl", F, AC, "AKL"), ("nan", T, AC, "NAN"))
r(AC_, "flights into bog from mex", ("bog", T, AC, "BOG"), ("mex", F, AC, "MEX"))
r(AC_, "GRU to EZE in the morning", ("GRU", F, AC, "GRU"), ("EZE", T, AC, "EZE"))
r(AC_, "scl to lim", ("scl", F, AC, "SCL"), ("lim", T, AC, "LIM"))
r(AC_, "PTY to SJO", ("PTY", F, AC, "PTY"), ("SJO", T, AC, "SJO"))
r(AC_, "cun to yul", ("cun", F, AC, "CUN"), ("yul", T, AC, "YUL"))
r(AC_, "need yyc to ewr on the 8th", ("yyc", F, AC, "YYC"), ("ewr", T, AC, "EWR"))
r(AC_, "hnl to ogg", ("hnl", F, AC, "HNL"), ("ogg", T, AC, "OGG"))
r(AC_, "KOA-LAX", ("KOA", F, AC, "KOA"), ("LAX", T, AC, "LAX"))
r(AC_, "hey can you find me something pdx to sjc friday night", ("pdx", F, AC, "PDX"), ("sjc", T, AC, "SJC"))
r(AC_, "SAN TO AUS", ("SAN", F, AC, "SAN"), ("AUS", T, AC, "AUS"))
r(AC_, "bna to clt departing 7am", ("bna", F, AC, "BNA"), ("clt", T, AC, "CLT"))
r(AC_, "msp to dtw, 2 pax, round trip", ("msp", F, AC, "MSP"), ("dtw", T, AC, "DTW"))
r(AC_, "Cheapest CLE to MCO in April", ("CLE", F, AC, "CLE"), ("MCO", T, AC, "MCO"))
r(AC_, "pit to bwi", ("pit", F, AC, "PIT"), ("bwi", T, AC, "BWI"))
r(AC_, "DCA to BOS shuttle", ("DCA", F, AC, "DCA"), ("BOS", T, AC, "BOS"))
r(AC_, "phl to fll", ("phl", F, AC, "PHL"), ("fll", T, AC, "FLL"))
r(AC_, "slc-jac", ("slc", F, AC, "SLC"), ("jac", T, AC, "JAC"))
r(AC_, "las to smf", ("las", F, AC, "LAS"), ("smf", T, AC, "SMF"))
r(AC_, "what's the cheapest oak to bur this week", ("oak", F, AC, "OAK"), ("bur", T, AC, "BUR"))
r(AC_, "iad to add", ("iad", F, AC, "IAD"), ("add", T, AC, "ADD"))
r(AC_, "EWR TO TLV", ("EWR", F, AC, "EWR"), ("TLV", T, AC, "TLV"))
r(AC_, "jfk to sxm saturday", ("jfk", F, AC, "JFK"), ("sxm", T, AC, "SXM"))
r(AC_, "Looking at lax to ppt for our honeymoon", ("lax", F, AC, "LAX"), ("ppt", T, AC, "PPT"))
r(AC_, "sfo to hnd via hnl", ("sfo", F, AC, "SFO"), ("hnd", T, AC, "HND"), ("hnl", S, AC, "HNL"))
r(AC_, "from mci connecting in stl to tpa", ("mci", F, AC, "MCI"), ("stl", S, AC, "STL"), ("tpa", T, AC, "TPA"))
r(AC_, "LHR to JNB via NBO", ("LHR", F, AC, "LHR"), ("JNB", T, AC, "JNB"), ("NBO", S, AC, "NBO"))
r(AC_, "what airport is yqb", ("yqb", N, AC, "YQB"))
r(AC_, "landing at SNA, leaving from SLC", ("SNA", T, AC, "SNA"), ("SLC", F, AC, "SLC"))
r(AC_, "departing gmp arriving kix", ("gmp", F, AC, "GMP"), ("kix", T, AC, "KIX"))
r(AC_, "On the 3rd: CDG-YYZ", ("CDG", F, AC, "CDG"), ("YYZ", T, AC, "YYZ"))

AN_ = "airport_name"
# ---------------- airport_name ----------------
r(AN_, "Gatwick to Malaga on the 3rd", ("Gatwick", F, AN, "LGW"), ("Malaga", T, C, "AGP"))
r(AN_, "cheap flights from stansted to riga", ("stansted", F, AN, "STN"), ("riga", T, C, "RIX"))
r(AN_, "leaving Luton for Kraków", ("Luton", F, AN, "LTN"), ("Kraków", T, C, "KRK"))
r(AN_, "London City to Zurich, business class", ("London City", F, AN, "LCY"), ("Zurich", T, C, "ZRH"))
r(AN_, "departing orly for algiers on the 10th", ("orly", F, AN, "ORY"), ("algiers", T, C, "ALG"))
r(
    AN_,
    "flying Charles de Gaulle to Montreal on the 22nd",
    ("Charles de Gaulle", F, AN, "CDG"),
    ("Montreal", T, C, "YUL"),
)
r(
    AN_,
    "is there a cheap flight from Beauvais to Porto",
    ("Beauvais", F, AN, "BVA", "Paris Beauvais"),
    ("Porto", T, C, "OPO"),
)
r(AN_, "Schiphol to Nairobi tonight", ("Schiphol", F, AN, "AMS"), ("Nairobi", T, C, "NBO"))
r(AN_, "from Zaventem to Lisbon", ("Zaventem", F, AN, "BRU", "Brussels Airport, at Zaventem"), ("Lisbon", T, C, "LIS"))
r(AN_, "charleroi to marrakech", ("charleroi", F, AN, "CRL", "Brussels South Charleroi"), ("marrakech", T, C, "RAK"))
r(
    AN_,
    "Malpensa to New York",
    ("Malpensa", F, AN, "MXP"),
    ("New York", T, C, "JFK", "JFK; Newark (EWR) and LaGuardia (LGA) also serve New York"),
)
r(AN_, "linate to rome", ("linate", F, AN, "LIN"), ("rome", T, C, "FCO", "Fiumicino; Ciampino (CIA) also serves Rome"))
r(AN_, "Fiumicino to Tel Aviv, Wednesday evening", ("Fiumicino", F, AN, "FCO"), ("Tel Aviv", T, C, "TLV"))
r(AN_, "is there anything from Ciampino to Seville in May", ("Ciampino", F, AN, "CIA"), ("Seville", T, C, "SVQ"))
r(AN_, "what flights leave Barajas for Bogota tomorrow", ("Barajas", F, AN, "MAD"), ("Bogota", T, C, "BOG"))
r(AN_, "El Prat to Buenos Aires", ("El Prat", F, AN, "BCN"), ("Buenos Aires", T, C, "EZE"))
r(AN_, "Arlanda to Phuket in January, 2 adults 2 kids", ("Arlanda", F, AN, "ARN"), ("Phuket", T, C, "HKT"))
r(AN_, "gardermoen to alicante", ("gardermoen", F, AN, "OSL"), ("alicante", T, C, "ALC"))
r(AN_, "KEFLAVIK TO BOSTON", ("KEFLAVIK", F, AN, "KEF"), ("BOSTON", T, C, "BOS"))
r(AN_, "Sabiha Gökçen to Ankara", ("Sabiha Gökçen", F, AN, "SAW"), ("Ankara", T, C, "ESB"))
r(AN_, "Ben Gurion to Larnaca", ("Ben Gurion", F, AN, "TLV"), ("Larnaca", T, C, "LCA"))
r(AN_, "Changi to Perth", ("Changi", F, AN, "SIN"), ("Perth", T, C, "PER", "Perth, Australia"))
r(AN_, "don mueang to chiang rai", ("don mueang", F, AN, "DMK"), ("chiang rai", T, C, "CEI"))
r(AN_, "Soekarno-Hatta to Denpasar", ("Soekarno-Hatta", F, AN, "CGK"), ("Denpasar", T, C, "DPS"))
r(AN_, "Songshan to Gimpo", ("Songshan", F, AN, "TSA"), ("Gimpo", T, AN, "GMP"))
r(AN_, "I want to fly into Honolulu from Narita", ("Honolulu", T, C, "HNL"), ("Narita", F, AN, "NRT"))
r(AN_, "arriving Haneda from Kansai", ("Haneda", T, AN, "HND"), ("Kansai", F, AN, "KIX"))
r(
    AN_,
    "New Chitose to Tokyo",
    ("New Chitose", F, AN, "CTS"),
    ("Tokyo", T, C, "HND", "Haneda; Narita (NRT) also serves Tokyo"),
)
r(AN_, "Incheon to Vancouver", ("Incheon", F, AN, "ICN"), ("Vancouver", T, C, "YVR"))
r(AN_, "Hongqiao to Daxing on the 4th", ("Hongqiao", F, AN, "SHA"), ("Daxing", T, AN, "PKX"))
r(AN_, "Indira Gandhi airport to Kathmandu", ("Indira Gandhi", F, AN, "DEL"), ("Kathmandu", T, C, "KTM"))
r(AN_, "Chhatrapati Shivaji to Dubai", ("Chhatrapati Shivaji", F, AN, "BOM"), ("Dubai", T, C, "DXB"))
r(AN_, "Jomo Kenyatta to Entebbe", ("Jomo Kenyatta", F, AN, "NBO"), ("Entebbe", T, C, "EBB"))
r(AN_, "flights out of O.R. Tambo to Lusaka", ("O.R. Tambo", F, AN, "JNB"), ("Lusaka", T, C, "LUN"))
r(AN_, "Kotoka to JFK", ("Kotoka", F, AN, "ACC"), ("JFK", T, AC, "JFK"))
r(AN_, "Tullamarine to Auckland", ("Tullamarine", F, AN, "MEL"), ("Auckland", T, C, "AKL"))
r(AN_, "jorge chavez to cusco", ("jorge chavez", F, AN, "LIM"), ("cusco", T, C, "CUZ"))
r(AN_, "Aeroparque to Mendoza friday morning", ("Aeroparque", F, AN, "AEP"), ("Mendoza", T, C, "MDZ"))
r(AN_, "Guarulhos to Lisbon", ("Guarulhos", F, AN, "GRU"), ("Lisbon", T, C, "LIS"))
r(AN_, "shuttle from Congonhas into Santos Dumont", ("Congonhas", F, AN, "CGH"), ("Santos Dumont", T, AN, "SDU"))
r(AN_, "Tocumen to Havana", ("Tocumen", F, AN, "PTY"), ("Havana", T, C, "HAV"))
r(AN_, "Hartsfield-Jackson to Nassau", ("Hartsfield-Jackson", F, AN, "ATL"), ("Nassau", T, C, "NAS"))
r(
    AN_,
    "mccarran to los angeles",
    ("mccarran", F, AN, "LAS", "old name of Harry Reid International"),
    ("los angeles", T, C, "LAX"),
)
r(
    AN_,
    "Sky Harbor to Chicago, nonstop",
    ("Sky Harbor", F, AN, "PHX"),
    ("Chicago", T, C, "ORD", "O'Hare; Midway (MDW) also serves Chicago"),
)
r(AN_, "John Wayne to Phoenix", ("John Wayne", F, AN, "SNA"), ("Phoenix", T, C, "PHX"))
r(AN_, "Pearson to Calgary tomorrow at 8", ("Pearson", F, AN, "YYZ"), ("Calgary", T, C, "YYC"))
r(AN_, "billy bishop to montreal", ("billy bishop", F, AN, "YTZ"), ("montreal", T, C, "YUL"))
r(AN_, "what's out of Bradley to Orlando during school break", ("Bradley", F, AN, "BDL"), ("Orlando", T, C, "MCO"))
r(AN_, "Paine Field to Las Vegas", ("Paine Field", F, AN, "PAE"), ("Las Vegas", T, C, "LAS"))
r(AN_, "Lambert to Tampa", ("Lambert", F, AN, "STL"), ("Tampa", T, C, "TPA"))
r(AN_, "landing at Reagan National from Atlanta", ("Reagan National", T, AN, "DCA"), ("Atlanta", F, C, "ATL"))

NKC = "nickname"
# ---------------- nickname ----------------
r(NKC, "nola to beantown", ("nola", F, NK, "MSY"), ("beantown", T, NK, "BOS"))
r(NKC, "fly from motown to the big easy", ("motown", F, NK, "DTW"), ("big easy", T, NK, "MSY"))
r(NKC, "the windy city to sin city this weekend", ("windy city", F, NK, "ORD"), ("sin city", T, NK, "LAS"))
r(NKC, "heading to Hotlanta from Music City on friday", ("Hotlanta", T, NK, "ATL"), ("Music City", F, NK, "BNA"))
r(NKC, "Mile High City to the Twin Cities", ("Mile High City", F, NK, "DEN"), ("Twin Cities", T, NK, "MSP"))
r(NKC, "magic city to h-town", ("magic city", F, NK, "MIA"), ("h-town", T, NK, "IAH"))
r(NKC, "Big D to the City of Angels", ("Big D", F, NK, "DFW"), ("City of Angels", T, NK, "LAX"))
r(NKC, "indy to cincy", ("indy", F, NK, "IND"), ("cincy", T, NK, "CVG"))
r(NKC, "from the burgh to philly", ("burgh", F, NK, "PIT"), ("philly", T, NK, "PHL"))
r(NKC, "HK to KL", ("HK", F, NK, "HKG"), ("KL", T, NK, "KUL"))
r(NKC, "joburg to cape town on friday", ("joburg", F, NK, "JNB"), ("cape town", T, C, "CPT"))
r(NKC, "Jozi to Lagos next month, business", ("Jozi", F, NK, "JNB"), ("Lagos", T, C, "LOS"))
r(NKC, "sampa to rio", ("sampa", F, NK, "GRU"), ("rio", T, NK, "GIG"))
r(NKC, "Floripa to Buenos Aires", ("Floripa", F, NK, "FLN"), ("Buenos Aires", T, C, "EZE"))
r(NKC, "from DF to Cancun next week", ("DF", F, NK, "MEX", "DF: Mexico City"), ("Cancun", T, C, "CUN"))
r(NKC, "vancity to calgary", ("vancity", F, NK, "YVR"), ("calgary", T, C, "YYC"))
r(NKC, "Brisvegas to Melbs", ("Brisvegas", F, NK, "BNE"), ("Melbs", T, NK, "MEL"))
r(NKC, "Welly to Auckland first thing tomorrow", ("Welly", F, NK, "WLG"), ("Auckland", T, C, "AKL"))
r(NKC, "Bombay to Calcutta", ("Bombay", F, NK, "BOM"), ("Calcutta", T, NK, "CCU"))
r(NKC, "madras to bangalore", ("madras", F, NK, "MAA"), ("bangalore", T, NK, "BLR"))
r(NKC, "Peking to Canton", ("Peking", F, NK, "PEK"), ("Canton", T, NK, "CAN", "Canton: Guangzhou"))
r(NKC, "Rangoon to Saigon", ("Rangoon", F, NK, "RGN"), ("Saigon", T, NK, "SGN"))
r(NKC, "any flights HCMC to Bangkok tonight?", ("HCMC", F, NK, "SGN"), ("Bangkok", T, C, "BKK"))
r(NKC, "München to Wien", ("München", F, NK, "MUC"), ("Wien", T, NK, "VIE"))
r(NKC, "köln to praha", ("köln", F, NK, "CGN"), ("praha", T, NK, "PRG"))
r(NKC, "Firenze to Napoli", ("Firenze", F, NK, "FLR"), ("Napoli", T, NK, "NAP"))
r(NKC, "Milano to Lisboa", ("Milano", F, NK, "MXP"), ("Lisboa", T, NK, "LIS"))
r(NKC, "Roma to Sevilla for the weekend", ("Roma", F, NK, "FCO"), ("Sevilla", T, NK, "SVQ"))
r(NKC, "Bruxelles to Genève", ("Bruxelles", F, NK, "BRU"), ("Genève", T, NK, "GVA"))
r(NKC, "København to Warszawa", ("København", F, NK, "CPH"), ("Warszawa", T, NK, "WAW"))
r(NKC, "Londres to Nueva York", ("Londres", F, NK, "LHR"), ("Nueva York", T, NK, "JFK"))
r(NKC, "brum to belfast", ("brum", F, NK, "BHX"), ("belfast", T, C, "BFS"))
r(NKC, "flights to the Eternal City from Boston", ("Eternal City", T, NK, "FCO"), ("Boston", F, C, "BOS"))
r(
    NKC,
    "DC to KC",
    ("DC", F, NK, "IAD", "DCA carries about as many passengers; BWI also serves the area"),
    ("KC", T, NK, "MCI"),
)
r(NKC, "nawlins to vegas", ("nawlins", F, NK, "MSY"), ("vegas", T, NK, "LAS"))
r(NKC, "chi-town to the big apple", ("chi-town", F, NK, "ORD"), ("big apple", T, NK, "JFK"))
r(NKC, "LON-NYC", ("LON", F, MC, "LHR"), ("NYC", T, MC, "JFK"))
r(NKC, "PAR to TYO", ("PAR", F, MC, "CDG"), ("TYO", T, MC, "HND"))
r(NKC, "mil to sto", ("mil", F, MC, "MXP"), ("sto", T, MC, "ARN"))
r(NKC, "SEL to OSA on the 9th", ("SEL", F, MC, "ICN"), ("OSA", T, MC, "KIX"))
r(NKC, "BUE-SAO", ("BUE", F, MC, "EZE"), ("SAO", T, MC, "GRU"))
r(NKC, "RIO to YTO", ("RIO", F, MC, "GIG"), ("YTO", T, MC, "YYZ"))
r(NKC, "ymq to chi", ("ymq", F, MC, "YUL"), ("chi", T, MC, "ORD"))
r(NKC, "BJS to JKT", ("BJS", F, MC, "PEK"), ("JKT", T, MC, "CGK"))
r(NKC, "WAS to DTT", ("WAS", F, MC, "IAD"), ("DTT", T, MC, "DTW"))
r(NKC, "ROM to MOW", ("ROM", F, MC, "FCO"), ("MOW", T, MC, "SVO"))

Q = "qualified"
# ---------------- qualified ----------------
r(Q, "Orlando to Columbus, Ohio", ("Orlando", F, C, "MCO"), ("Columbus, Ohio", T, C, "CMH"))
r(
    Q,
    "columbus ga to dallas",
    ("columbus ga", F, C, "CSG"),
    ("dallas", T, C, "DFW", "DFW; Love Field (DAL) also serves Dallas"),
)
r(Q, "Jackson, MS to Chicago", ("Jackson, MS", F, C, "JAN"), ("Chicago", T, C, "ORD"))
r(
    Q,
    "fly into Jackson Wyoming from Denver",
    ("Jackson Wyoming", T, C, "JAC", "Jackson Hole airport"),
    ("Denver", F, C, "DEN"),
)
r(Q, "I'm leaving Rochester MN on the 3rd for Phoenix", ("Rochester MN", F, C, "RST"), ("Phoenix", T, C, "PHX"))
r(Q, "rochester, ny to fort lauderdale", ("rochester, ny", F, C, "ROC"), ("fort lauderdale", T, C, "FLL"))
r(Q, "Charlotte to Charleston WV", ("Charlotte", F, C, "CLT"), ("Charleston WV", T, C, "CRW"))
r(Q, "charleston, sc to new york", ("charleston, sc", F, C, "CHS"), ("new york", T, C, "JFK"))
r(Q, "flights from Springfield MO to Denver", ("Springfield MO", F, C, "SGF"), ("Denver", T, C, "DEN"))
r(Q, "Springfield Illinois to Las Vegas", ("Springfield Illinois", F, C, "SPI"), ("Las Vegas", T, C, "LAS"))
r(Q, "wilmington nc to boston", ("wilmington nc", F, C, "ILM"), ("boston", T, C, "BOS"))
r(
    Q,
    "Wilmington, Delaware to Orlando",
    (
        "Wilmington, Delaware",
        F,
        C,
        "PHL",
        "Wilmington, Delaware: its own airport (ILG) has little or no scheduled service; Philadelphia (PHL) is the main airport serving it",  # noqa: E501 - the request as written
    ),
    ("Orlando", T, C, "MCO"),
)
r(Q, "Albany, Georgia to Atlanta, earliest flight", ("Albany, Georgia", F, C, "ABY"), ("Atlanta", T, C, "ATL"))
r(Q, "Fort Myers from Albany NY in March", ("Fort Myers", T, C, "RSW"), ("Albany NY", F, C, "ALB"))
r(Q, "Greenville SC to Newark", ("Greenville SC", F, C, "GSP", "Greenville-Spartanburg"), ("Newark", T, AN, "EWR"))
r(Q, "greenville, nc to charlotte", ("greenville, nc", F, C, "PGV"), ("charlotte", T, C, "CLT"))
r(Q, "Houston to Lafayette LA", ("Houston", F, C, "IAH"), ("Lafayette LA", T, C, "LFT"))
r(Q, "cheapest way to get from Manchester NH to Baltimore", ("Manchester NH", F, C, "MHT"), ("Baltimore", T, C, "BWI"))
r(Q, "Manchester, England to Orlando", ("Manchester, England", F, C, "MAN"), ("Orlando", T, C, "MCO"))
r(Q, "Dallas to Birmingham, AL", ("Dallas", F, C, "DFW"), ("Birmingham, AL", T, C, "BHM"))
r(Q, "birmingham england to dubai", ("birmingham england", F, C, "BHX"), ("dubai", T, C, "DXB"))
r(
    Q,
    "Cambridge MA to San Francisco next tuesday",
    ("Cambridge MA", F, C, "BOS", "Cambridge, Massachusetts is served by Boston Logan"),
    ("San Francisco", T, C, "SFO"),
)
r(
    Q,
    "what's the best way to fly Perth Scotland to London",
    ("Perth Scotland", F, C, "EDI", "Perth, Scotland has no airline airport; Edinburgh is nearest"),
    ("London", T, C, "LHR"),
)
r(Q, "Perth, Australia to Singapore", ("Perth, Australia", F, C, "PER"), ("Singapore", T, C, "SIN"))
r(Q, "departing Victoria BC, arriving Calgary", ("Victoria BC", F, C, "YYJ"), ("Calgary", T, C, "YYC"))
r(Q, "Hamilton, Bermuda to Boston", ("Hamilton, Bermuda", F, C, "BDA"), ("Boston", T, C, "BOS"))
r(Q, "Sydney to Hamilton New Zealand", ("Sydney", F, C, "SYD"), ("Hamilton New Zealand", T, C, "HLZ"))
r(Q, "Kingston Jamaica to Miami on the 28th", ("Kingston Jamaica", F, C, "KIN"), ("Miami", T, C, "MIA"))
r(
    Q,
    "I need a one way from Newark to Santiago, Dominican Republic",
    ("Newark", F, AN, "EWR"),
    ("Santiago, Dominican Republic", T, C, "STI"),
)
r(Q, "valencia, spain to london", ("valencia, spain", F, C, "VLC"), ("london", T, C, "LHR"))
r(
    Q,
    "Buenos Aires to Córdoba Argentina",
    ("Buenos Aires", F, C, "EZE", "Ezeiza; Aeroparque (AEP) carries most domestic flights"),
    ("Córdoba Argentina", T, C, "COR"),
)
r(Q, "New York to Georgetown, Guyana", ("New York", F, C, "JFK"), ("Georgetown, Guyana", T, C, "GEO"))
r(
    Q,
    "georgetown malaysia to bangkok",
    ("georgetown malaysia", F, C, "PEN", "George Town, Penang"),
    ("bangkok", T, C, "BKK"),
)
r(Q, "San Jose, CA to Seattle", ("San Jose, CA", F, C, "SJC"), ("Seattle", T, C, "SEA"))
r(Q, "Lima to Santa Cruz, Bolivia", ("Lima", F, C, "LIM"), ("Santa Cruz, Bolivia", T, C, "VVI"))
r(
    Q,
    "Athens, GA to Chicago",
    ("Athens, GA", F, C, "ATL", "Athens, Georgia has no airline service; Atlanta serves it"),
    ("Chicago", T, C, "ORD"),
)
r(Q, "Atlanta to Florence, South Carolina", ("Atlanta", F, C, "ATL"), ("Florence, South Carolina", T, C, "FLO"))
r(Q, "Toledo Ohio to Punta Gorda", ("Toledo Ohio", F, C, "TOL"), ("Punta Gorda", T, C, "PGD"))
r(Q, "Sydney, Nova Scotia to Halifax", ("Sydney, Nova Scotia", F, C, "YQY"), ("Halifax", T, C, "YHZ"))
r(Q, "Brisbane to Newcastle, Australia", ("Brisbane", F, C, "BNE"), ("Newcastle, Australia", T, C, "NTL"))
r(Q, "Calgary to Windsor, Ontario", ("Calgary", F, C, "YYC"), ("Windsor, Ontario", T, C, "YQG"))
r(
    Q,
    "Boston to St. Petersburg, Florida",
    ("Boston", F, C, "BOS"),
    ("St. Petersburg, Florida", T, C, "TPA", "Tampa is the main airport; St. Pete-Clearwater (PIE) is closer"),
)
r(
    Q,
    "need to get to Washington from Columbia SC for a meeting",
    ("Washington", T, C, "IAD", "Washington, D.C.; DCA carries about as many passengers and BWI also serves the area"),
    ("Columbia SC", F, C, "CAE"),
)
r(Q, "Chicago to Columbia, MO", ("Chicago", F, C, "ORD"), ("Columbia, MO", T, C, "COU"))
r(
    Q,
    "Dallas to Fayetteville, AR",
    ("Dallas", F, C, "DFW"),
    ("Fayetteville, AR", T, C, "XNA", "Northwest Arkansas National"),
)
r(Q, "Fayetteville NC to Atlanta", ("Fayetteville NC", F, C, "FAY"), ("Atlanta", T, C, "ATL"))
r(Q, "flights from Charlotte to Jacksonville, NC", ("Charlotte", F, C, "CLT"), ("Jacksonville, NC", T, C, "OAJ"))
r(
    Q,
    "Lexington KY to Fort Lauderdale, returning a week later",
    ("Lexington KY", F, C, "LEX"),
    ("Fort Lauderdale", T, C, "FLL"),
)
r(Q, "Istanbul to Alexandria, Egypt", ("Istanbul", F, C, "IST"), ("Alexandria, Egypt", T, C, "HBE"))
r(Q, "Dublin, Ireland to Chicago", ("Dublin, Ireland", F, C, "DUB"), ("Chicago", T, C, "ORD"))
r(Q, "Kansas City, Kansas to Denver", ("Kansas City, Kansas", F, C, "MCI"), ("Denver", T, C, "DEN"))
r(Q, "Burlington, Vermont to Washington DC", ("Burlington, Vermont", F, C, "BTV"), ("Washington DC", T, C, "IAD"))

TY = "typo"
# ---------------- typo ----------------
r(TY, "denvr to seatle", ("denvr", F, C, "DEN", "typo for Denver"), ("seatle", T, C, "SEA", "typo for Seattle"))
r(
    TY,
    "flights from atlnta to torronto",
    ("atlnta", F, C, "ATL", "typo for Atlanta"),
    ("torronto", T, C, "YYZ", "typo for Toronto"),
)
r(
    TY,
    "need flights vancover to melborne in dec",
    ("vancover", F, C, "YVR", "typo for Vancouver"),
    ("melborne", T, C, "MEL", "typo for Melbourne"),
)
r(
    TY,
    "barcelonna to amsterdm",
    ("barcelonna", F, C, "BCN", "typo for Barcelona"),
    ("amsterdm", T, C, "AMS", "typo for Amsterdam"),
)
r(TY, "miamai to new york", ("miamai", F, C, "MIA", "typo for Miami"), ("new york", T, C, "JFK"))
r(
    TY,
    "phoenx to minneapols",
    ("phoenx", F, C, "PHX", "typo for Phoenix"),
    ("minneapols", T, C, "MSP", "typo for Minneapolis"),
)
r(
    TY,
    "flying into philadephia from cincinatti",
    ("philadephia", T, C, "PHL", "typo for Philadelphia"),
    ("cincinatti", F, C, "CVG", "typo for Cincinnati"),
)
r(
    TY,
    "albequerque to los angelas",
    ("albequerque", F, C, "ABQ", "typo for Albuquerque"),
    ("los angelas", T, C, "LAX", "typo for Los Angeles"),
)
r(
    TY,
    "Flights from Huston to San Deigo tomorrow",
    ("Huston", F, C, "IAH", "typo for Houston"),
    ("San Deigo", T, C, "SAN", "typo for San Diego"),
)
r(
    TY,
    "hi i need a flight madird to dubia next week",
    ("madird", F, C, "MAD", "typo for Madrid"),
    ("dubia", T, C, "DXB", "typo for Dubai"),
)
r(
    TY,
    "singapre to bangkock",
    ("singapre", F, C, "SIN", "typo for Singapore"),
    ("bangkock", T, C, "BKK", "typo for Bangkok"),
)
r(TY, "jakrta to mumbia", ("jakrta", F, C, "CGK", "typo for Jakarta"), ("mumbia", T, C, "BOM", "typo for Mumbai"))
r(TY, "dehli to istambul", ("dehli", F, C, "DEL", "typo for Delhi"), ("istambul", T, C, "IST", "typo for Istanbul"))
r(
    TY,
    "copenhagan - stockhom",
    ("copenhagan", F, C, "CPH", "typo for Copenhagen"),
    ("stockhom", T, C, "ARN", "typo for Stockholm"),
)
r(
    TY,
    "helsinky to zurick on monday",
    ("helsinky", F, C, "HEL", "typo for Helsinki"),
    ("zurick", T, C, "ZRH", "typo for Zurich"),
)
r(
    TY,
    "brussells to edinborough",
    ("brussells", F, C, "BRU", "typo for Brussels"),
    ("edinborough", T, C, "EDI", "typo for Edinburgh"),
)
r(
    TY,
    "new york to budapset via reykjavick",
    ("new york", F, C, "JFK"),
    ("budapset", T, C, "BUD", "typo for Budapest"),
    ("reykjavick", S, C, "KEF", "typo for Reykjavik"),
)
r(
    TY,
    "is there anything praque to warsow on friday",
    ("praque", F, C, "PRG", "typo for Prague"),
    ("warsow", T, C, "WAW", "typo for Warsaw"),
)
r(
    TY,
    "Nairbi to Johanesburg 2 adults",
    ("Nairbi", F, C, "NBO", "typo for Nairobi"),
    ("Johanesburg", T, C, "JNB", "typo for Johannesburg"),
)
r(TY, "casablance to paris", ("casablance", F, C, "CMN", "typo for Casablanca"), ("paris", T, C, "CDG"))
r(
    TY,
    "bogata to santaigo",
    ("bogata", F, C, "BOG", "typo for Bogotá"),
    ("santaigo", T, C, "SCL", "typo for Santiago, Chile"),
)
r(TY, "montevidoe to buenos aires", ("montevidoe", F, C, "MVD", "typo for Montevideo"), ("buenos aires", T, C, "EZE"))
r(
    TY,
    "brisbne to auckand",
    ("brisbne", F, C, "BNE", "typo for Brisbane"),
    ("auckand", T, C, "AKL", "typo for Auckland"),
)
r(
    TY,
    "honululu to anchorge",
    ("honululu", F, C, "HNL", "typo for Honolulu"),
    ("anchorge", T, C, "ANC", "typo for Anchorage"),
)
r(
    TY,
    "what time is the last flight from calgery to montrael",
    ("calgery", F, C, "YYC", "typo for Calgary"),
    ("montrael", T, C, "YUL", "typo for Montreal"),
)
r(
    TY,
    "heathro to pittsbrgh",
    ("heathro", F, AN, "LHR", "typo for Heathrow"),
    ("pittsbrgh", T, C, "PIT", "typo for Pittsburgh"),
)
r(
    TY,
    "schipol to nashvile",
    ("schipol", F, AN, "AMS", "typo for Schiphol"),
    ("nashvile", T, C, "BNA", "typo for Nashville"),
)
r(TY, "narrita to syndey", ("narrita", F, AN, "NRT", "typo for Narita"), ("syndey", T, C, "SYD", "typo for Sydney"))
r(
    TY,
    "laguardai to charlote",
    ("laguardai", F, AN, "LGA", "typo for LaGuardia"),
    ("charlote", T, C, "CLT", "typo for Charlotte"),
)
r(
    TY,
    "ohare to clevland",
    ("ohare", F, AN, "ORD", "O'Hare without the apostrophe"),
    ("clevland", T, C, "CLE", "typo for Cleveland"),
)
r(
    TY,
    "flights to Sacremento from Portlnd",
    ("Sacremento", T, C, "SMF", "typo for Sacramento"),
    ("Portlnd", F, C, "PDX", "typo for Portland, read as Portland, Oregon"),
)
r(
    TY,
    "I need to go from Kansas Cty to Milwakee",
    ("Kansas Cty", F, C, "MCI", "typo for Kansas City"),
    ("Milwakee", T, C, "MKE", "typo for Milwaukee"),
)
r(
    TY,
    "indianaplis to louisvile",
    ("indianaplis", F, C, "IND", "typo for Indianapolis"),
    ("louisvile", T, C, "SDF", "typo for Louisville"),
)
r(
    TY,
    "BALTIMROE TO RALIEGH",
    ("BALTIMROE", F, C, "BWI", "typo for Baltimore"),
    ("RALIEGH", T, C, "RDU", "typo for Raleigh"),
)
r(
    TY,
    "TUSCON TO LAS VAGAS",
    ("TUSCON", F, C, "TUS", "typo for Tucson"),
    ("LAS VAGAS", T, C, "LAS", "typo for Las Vegas"),
)
r(
    TY,
    "Shangai to Bejing round trip",
    ("Shangai", F, C, "PVG", "typo for Shanghai"),
    ("Bejing", T, C, "PEK", "typo for Beijing"),
)
r(
    TY,
    "guadalajra to tijuanna",
    ("guadalajra", F, C, "GDL", "typo for Guadalajara"),
    ("tijuanna", T, C, "TIJ", "typo for Tijuana"),
)

M = "mixed"
# ---------------- mixed ----------------
r(
    M,
    "Boston to Honolulu with a stop in Phoenix",
    ("Boston", F, C, "BOS"),
    ("Honolulu", T, C, "HNL"),
    ("Phoenix", S, C, "PHX"),
)
r(M, "fly to hawaii from denver", ("hawaii", T, ST, "HNL"), ("denver", F, C, "DEN"))
r(M, "flights to japan from seattle", ("japan", T, CO, "HND"), ("seattle", F, C, "SEA"))
r(
    M,
    "Chicago to Sydney via Los Angeles",
    ("Chicago", F, C, "ORD"),
    ("Sydney", T, C, "SYD"),
    ("Los Angeles", S, C, "LAX"),
)
r(M, "i want to go to italy in september from boston", ("italy", T, CO, "FCO"), ("boston", F, C, "BOS"))
r(
    M,
    "Dallas to Lima connecting through Panama City",
    ("Dallas", F, C, "DFW"),
    ("Lima", T, C, "LIM"),
    ("Panama City", S, C, "PTY", "Panama City, Panama (Copa's hub), read from the route"),
)
r(M, "what airports are there in Florida", ("Florida", N, ST, "MCO"))
r(M, "which airports are near Tokyo?", ("Tokyo", N, C, "HND", "Haneda; Narita (NRT) also serves Tokyo"))
r(
    M,
    "Burbank or LAX to Sacramento",
    ("Burbank", F, AN, "BUR", "Hollywood Burbank"),
    ("LAX", F, AC, "LAX"),
    ("Sacramento", T, C, "SMF"),
)
r(M, "JFK or Newark to Barcelona", ("JFK", F, AC, "JFK"), ("Newark", F, AN, "EWR"), ("Barcelona", T, C, "BCN"))
r(M, "flights to Costa Rica from Atlanta", ("Costa Rica", T, CO, "SJO"), ("Atlanta", F, C, "ATL"))
r(
    M,
    "Houston to Frankfurt with a layover in Toronto",
    ("Houston", F, C, "IAH"),
    ("Frankfurt", T, C, "FRA"),
    ("Toronto", S, C, "YYZ"),
)
r(
    M,
    "San Francisco to Singapore stopping in Tokyo",
    ("San Francisco", F, C, "SFO"),
    ("Singapore", T, C, "SIN"),
    ("Tokyo", S, C, "HND"),
)
r(
    M,
    "atlanta to cape town through johannesburg",
    ("atlanta", F, C, "ATL"),
    ("cape town", T, C, "CPT"),
    ("johannesburg", S, C, "JNB"),
)
r(M, "flying into Iceland from Minneapolis", ("Iceland", T, CO, "KEF"), ("Minneapolis", F, C, "MSP"))
r(M, "from Texas to Montana", ("Texas", F, ST, "DFW"), ("Montana", T, ST, "BZN"))
r(M, "Heathrow to Hong Kong via Dubai", ("Heathrow", F, AN, "LHR"), ("Hong Kong", T, C, "HKG"), ("Dubai", S, C, "DXB"))
r(M, "Orlando to London Gatwick on the 19th", ("Orlando", F, C, "MCO"), ("London Gatwick", T, AN, "LGW"))
r(
    M,
    "Miami or Fort Lauderdale to Bogota",
    ("Miami", F, C, "MIA"),
    ("Fort Lauderdale", F, C, "FLL"),
    ("Bogota", T, C, "BOG"),
)
r(
    M,
    "Melbourne to Los Angeles via Auckland",
    ("Melbourne", F, C, "MEL", "Melbourne, Australia, read from the route; Melbourne, Florida is MLB"),
    ("Los Angeles", T, C, "LAX"),
    ("Auckland", S, C, "AKL"),
)
r(
    M,
    "Vancouver to Delhi connecting in London",
    ("Vancouver", F, C, "YVR"),
    ("Delhi", T, C, "DEL"),
    ("London", S, C, "LHR"),
)
r(M, "california to new york", ("california", F, ST, "LAX"), ("new york", T, C, "JFK"))
r(M, "get me to Alaska from Chicago", ("Alaska", T, ST, "ANC"), ("Chicago", F, C, "ORD"))
r(
    M,
    "Sydney to Bali in December",
    ("Sydney", F, C, "SYD"),
    ("Bali", T, C, "DPS", "Bali is served by Ngurah Rai, Denpasar"),
)
r(M, "flights from Germany to Thailand", ("Germany", F, CO, "FRA"), ("Thailand", T, CO, "BKK"))
r(M, "Ireland to Boston", ("Ireland", F, CO, "DUB"), ("Boston", T, C, "BOS"))
r(M, "ATLANTA TO VIETNAM", ("ATLANTA", F, C, "ATL"), ("VIETNAM", T, CO, "SGN"))
r(
    M,
    "what airport should I use for Whistler",
    ("Whistler", N, C, "YVR", "Whistler has no airline airport; Vancouver serves it"),
)
r(M, "which airport is closest to Bath", ("Bath", N, C, "BRS", "Bath, England; Bristol is nearest"))
r(
    M,
    "Denver to Orlando, stopping in Kansas City",
    ("Denver", F, C, "DEN"),
    ("Orlando", T, C, "MCO"),
    ("Kansas City", S, C, "MCI"),
)
r(
    M,
    "New York to Copenhagen via Reykjavik",
    ("New York", F, C, "JFK"),
    ("Copenhagen", T, C, "CPH"),
    ("Reykjavik", S, C, "KEF"),
)
r(M, "ORD to Istanbul via Frankfurt", ("ORD", F, AC, "ORD"), ("Istanbul", T, C, "IST"), ("Frankfurt", S, C, "FRA"))
r(
    M,
    "Boston to Lisbon with a stop in Ponta Delgada",
    ("Boston", F, C, "BOS"),
    ("Lisbon", T, C, "LIS"),
    ("Ponta Delgada", S, C, "PDL"),
)
r(M, "flights to scotland from newark", ("scotland", T, CO, "EDI"), ("newark", F, AN, "EWR"))
r(M, "Philly to Portugal", ("Philly", F, NK, "PHL"), ("Portugal", T, CO, "LIS"))
r(M, "Tampa to Nashville or Memphis", ("Tampa", F, C, "TPA"), ("Nashville", T, C, "BNA"), ("Memphis", T, C, "MEM"))
r(
    M,
    "from Osaka or Kyoto to Seoul",
    ("Osaka", F, C, "KIX", "Kansai; Itami (ITM) is domestic"),
    ("Kyoto", F, C, "KIX", "Kyoto has no airport; Kansai serves it"),
    ("Seoul", T, C, "ICN"),
)
r(M, "Arizona to Colorado", ("Arizona", F, ST, "PHX"), ("Colorado", T, ST, "DEN"))
r(M, "fly to Queensland from Sydney", ("Queensland", T, ST, "BNE"), ("Sydney", F, C, "SYD"))
r(M, "Nova Scotia to British Columbia", ("Nova Scotia", F, ST, "YHZ"), ("British Columbia", T, ST, "YVR"))
r(M, "Tokyo to New Zealand", ("Tokyo", F, C, "HND"), ("New Zealand", T, CO, "AKL"))
r(M, "Denver to New Jersey", ("Denver", F, C, "DEN"), ("New Jersey", T, ST, "EWR"))
r(
    M,
    "SEA to Maui via Honolulu",
    ("SEA", F, AC, "SEA"),
    ("Maui", T, C, "OGG", "Maui is served by Kahului (OGG)"),
    ("Honolulu", S, C, "HNL"),
)
r(
    M,
    "Lagos to Houston connecting in Atlanta",
    ("Lagos", F, C, "LOS"),
    ("Houston", T, C, "IAH"),
    ("Atlanta", S, C, "ATL"),
)
r(M, "singapore to perth or darwin", ("singapore", F, C, "SIN"), ("perth", T, C, "PER"), ("darwin", T, C, "DRW"))
r(M, "I'm at O'Hare, what's the next flight to Milwaukee", ("O'Hare", F, AN, "ORD"), ("Milwaukee", T, C, "MKE"))
r(M, "flights leaving Vermont for Florida", ("Vermont", F, ST, "BTV"), ("Florida", T, ST, "MCO"))

# ---------------- extra: long names, st./ft. ----------------
r(
    W,
    "Santiago de los Caballeros to Miami on the 21st",
    ("Santiago de los Caballeros", F, C, "STI", "Santiago, Dominican Republic (Cibao)"),
    ("Miami", T, C, "MIA"),
)
r(
    W,
    "Bandar Seri Begawan to Kuala Lumpur on the 4th",
    ("Bandar Seri Begawan", F, C, "BWN"),
    ("Kuala Lumpur", T, C, "KUL"),
)
r(W, "Las Palmas de Gran Canaria to Madrid", ("Las Palmas de Gran Canaria", F, C, "LPA"), ("Madrid", T, C, "MAD"))
r(W, "flights from Mar del Plata to Foz do Iguaçu", ("Mar del Plata", F, C, "MDQ"), ("Foz do Iguaçu", T, C, "IGU"))
r(W, "st. louis to ft. lauderdale", ("st. louis", F, C, "STL"), ("ft. lauderdale", T, C, "FLL"))
r(
    W,
    "from San Luis Obispo to Cabo San Lucas",
    ("San Luis Obispo", F, C, "SBP"),
    ("Cabo San Lucas", T, C, "SJD", "Los Cabos International"),
)
r(W, "Luang Prabang to Hanoi", ("Luang Prabang", F, C, "LPQ"), ("Hanoi", T, C, "HAN"))
r(W, "Palma de Mallorca to Frankfurt am Main", ("Palma de Mallorca", F, C, "PMI"), ("Frankfurt am Main", T, C, "FRA"))
r(TY, "which airport is closest to edinbrugh", ("edinbrugh", N, C, "EDI", "typo for Edinburgh"))

r(
    AN_,
    "Dulles to Johannesburg with a stop in Accra",
    ("Dulles", F, AN, "IAD"),
    ("Johannesburg", T, C, "JNB"),
    ("Accra", S, C, "ACC"),
)
r(
    AN_,
    "Logan to Shannon, connecting at Heathrow",
    ("Logan", F, AN, "BOS"),
    ("Shannon", T, C, "SNN"),
    ("Heathrow", S, AN, "LHR"),
)
r(AN_, "where is Love Field", ("Love Field", N, AN, "DAL"))
r(
    NKC,
    "Sin City to Beantown via Big D",
    ("Sin City", F, NK, "LAS"),
    ("Beantown", T, NK, "BOS"),
    ("Big D", S, NK, "DFW"),
)
r(NKC, "SF to NYC, connecting in LA", ("SF", F, NK, "SFO"), ("NYC", T, NK, "JFK"), ("LA", S, NK, "LAX"))
r(NKC, "what airports serve CDMX?", ("CDMX", N, NK, "MEX", "CDMX: Mexico City; Felipe Ángeles (NLU) also serves it"))
r(
    Q,
    "Chicago to Anchorage with a stop in Portland Oregon",
    ("Chicago", F, C, "ORD"),
    ("Anchorage", T, C, "ANC"),
    ("Portland Oregon", S, C, "PDX"),
)
r(
    Q,
    "is there an airport in Durham, England",
    (
        "Durham, England",
        N,
        C,
        "NCL",
        "Durham has no airline airport of its own; Newcastle is the main one (Teesside, MME, is closer but small)",
    ),
)


def main(out):
    import airportsdata

    a = airportsdata.load("IATA")
    for row in ROWS:
        for p in row["places"]:
            if p["kind"] in (ST, CO) and "note" not in p:
                p["note"] = f"{p['text']}: its busiest airport, {a[p['first_airport']]['name']} ({p['first_airport']})"
    with open(out, "w", encoding="utf-8") as fh:
        for row in ROWS:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(ROWS))


if __name__ == "__main__":
    main(sys.argv[1])
