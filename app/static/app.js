// The try-it page: send the text to /v1/parse and /v1/explain, draw the answer.
// Plain DOM, no libraries, nothing loaded from elsewhere (the page's CSP forbids it).
"use strict";

const TOP_LABELS = 10; // bars shown for the picked word
const LOW_CONFIDENCE = 0.5; // booking fields less sure than this are marked for checking
const GATES = [
  ["forget", "forget f"],
  ["input", "input i"],
  ["output", "output o"],
  ["cell_norm", "memory ‖c‖"],
];
const DIRECTIONS = [
  ["forward", "→ forward (left to right)"],
  ["backward", "← backward (right to left)"],
];

const $ = (id) => document.getElementById(id);

// Everything the page knows about the answer on screen; `selected` is the picked token's index.
const view = { parse: null, explain: null, selected: 0, hues: new Map() };
let latestRequest = 0; // answers to older requests are dropped, so fast typists see the last one

class ApiProblem extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

// ---- talking to the service ----

async function postJson(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiProblem("network", `Could not reach the service (${err.message}). Is it running?`);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // not JSON: handled below
  }
  if (!response.ok) {
    const detail = data && data.error;
    if (detail && detail.message) throw new ApiProblem(detail.code, detail.message, response.status);
    throw new ApiProblem(`http_${response.status}`, `The service answered ${response.status} ${response.statusText}.`, response.status);
  }
  if (data === null) throw new ApiProblem("bad_response", "The service answered with something that is not JSON.");
  return data;
}

async function submit(text) {
  const id = ++latestRequest;
  setState("loading", "Tagging…");
  showError(null);
  if (!text.trim()) {
    setState("error", "");
    showError(new ApiProblem("empty", "Type a sentence first."));
    return;
  }
  // The gate chart is a bonus: a model without an LSTM (or any explain failure) must not hide the tags.
  const explaining = postJson("/v1/explain", { text }).catch((err) => err);
  try {
    // The browser's own clock and offset: "tomorrow" is the user's tomorrow, not the server's.
    const parse = await postJson("/v1/parse", { text, top_k: TOP_LABELS, reference_time: localTime(new Date()) });
    const explain = await explaining;
    if (id !== latestRequest) return;
    showResult(parse, explain);
    setState("ready", `Tagged ${parse.tokens.length} words.`);
  } catch (err) {
    if (id !== latestRequest) return;
    setState("error", "");
    showError(err);
  }
}

// ---- page state ----

function setState(state, message) {
  $("app").dataset.state = state;
  $("status").textContent = message;
  $("submit").disabled = state === "loading";
}

function showError(err) {
  const box = $("error");
  box.replaceChildren();
  box.hidden = err === null;
  if (err === null) return;
  $("result").hidden = true; // an older answer under the message would look like the answer to this text
  if (!(err instanceof ApiProblem)) err = new ApiProblem("page_error", `The page failed to draw the answer: ${err.message}`);
  const strong = el("strong", {}, err.code === "network" ? "Network problem. " : "Could not tag this. ");
  const quiet = err.code === "empty" || err.code === "network"; // their message says it all
  const where = err.status ? ` (${err.code}, HTTP ${err.status})` : quiet ? "" : ` (${err.code})`;
  box.append(strong, document.createTextNode(err.message + where));
}

function showResult(parse, explain) {
  view.parse = parse;
  view.explain = explain instanceof Error ? null : explain;
  view.selected = firstSlotToken(parse);
  view.hues = assignHues(parse.slots.map((slot) => slot.name));
  $("result").hidden = false;
  renderIntent(parse.intent, parse.in_domain);
  renderSentence(parse);
  renderSlots(parse.slots);
  renderFrame(parse.frame);
  renderGates(view.explain, explain instanceof Error ? explain : null);
  $("model").textContent = `Model ${parse.model.name} (${parse.model.version})`;
  selectToken(view.selected, false);
}

function firstSlotToken(parse) {
  const index = parse.tokens.findIndex((t) => t.label !== "O");
  return index < 0 ? 0 : index;
}

// ---- drawing ----

// A small element factory: el("span", {class: "x", dataset: {k: "v"}}, child, "text", ...).
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "style") for (const [prop, v] of Object.entries(value)) node.style.setProperty(prop, v);
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function percent(p) {
  return `${(100 * p).toFixed(p >= 0.995 || p < 0.001 ? 0 : 1)}%`;
}

const pad = (n) => String(n).padStart(2, "0");

// ISO 8601 in the browser's time zone with its offset, e.g. 2026-11-29T23:30:00-09:00.
function localTime(date) {
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${day}T${clock}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

// One colour per slot type. A hash picks one of 12 hues, so a type keeps its colour from sentence to
// sentence (the two commonest, from and to city, get fixed contrasting ones). Within one answer the
// spans must be told apart, so a type whose hue is taken, or next to a taken one, moves on by 5 steps
// (150°) until it finds room; only with many types may neighbours end up adjacent.
const HUES = 12;
const FIXED_HUES = new Map([["fromloc.city_name", 7], ["toloc.city_name", 0]]);

function baseHue(name) {
  if (FIXED_HUES.has(name)) return FIXED_HUES.get(name);
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % HUES;
}

function assignHues(names) {
  const hues = new Map();
  const taken = new Set();
  const crowded = (h) => [h, (h + 1) % HUES, (h + HUES - 1) % HUES].some((n) => taken.has(n));
  for (const name of names) {
    if (hues.has(name)) continue;
    const candidates = Array.from({ length: HUES }, (_, step) => (baseHue(name) + 5 * step) % HUES);
    const hue = candidates.find((h) => !crowded(h)) ?? candidates.find((h) => !taken.has(h)) ?? candidates[0];
    taken.add(hue);
    hues.set(name, hue);
  }
  return hues;
}

function slotHue(name) {
  const index = view.hues.has(name) ? view.hues.get(name) : baseHue(name);
  return String(index * (360 / HUES));
}

function slotOf(label) {
  return label === "O" ? null : label.replace(/^[BI]-/, "");
}

// An out_of_scope answer says so plainly: the slots below are still the tagger's reading, for whoever
// wants them, but the request is not one of the model's domain.
function renderIntent(intent, inDomain) {
  const outOfScope = intent.name === "out_of_scope";
  $("result").dataset.scope = outOfScope ? "out" : "in";
  const scope = $("scope");
  scope.hidden = !outOfScope;
  if (outOfScope) {
    scope.replaceChildren(
      el("strong", {}, "Not a flight request. "),
      `The model gives it a ${percent(inDomain)} chance of being one, so it answers "out_of_scope".`,
      " The words below are tagged anyway.",
    );
  }
  const others = (outOfScope ? intent.ranking.slice(0, 2) : intent.ranking.slice(1, 3)).filter(
    (r) => r.confidence >= 0.01,
  );
  const rest = others.map((r) => `${r.name} ${percent(r.confidence)}`).join(", ");
  const domain = inDomain === null || inDomain === undefined ? "" : ` · flight request ${percent(inDomain)}`;
  $("intent").replaceChildren(
    "Intent: ",
    el("strong", {}, intent.name),
    ` ${percent(intent.confidence)}`,
    rest ? el("span", { class: "muted" }, ` (${outOfScope ? "the model's own guess" : "then"} ${rest})`) : "",
    domain ? el("span", { class: "muted" }, domain) : "",
  );
}

// The text as typed, each token a focusable option; tokens inside a slot are wrapped in a coloured
// group that carries the slot's name underneath.
function renderSentence(parse) {
  const { text, tokens, slots } = parse;
  const box = $("sentence");
  box.replaceChildren();
  let cursor = 0;
  let t = 0;
  while (t < tokens.length) {
    const slot = slots.find((s) => s.start <= tokens[t].start && tokens[t].end <= s.end);
    box.append(text.slice(cursor, tokens[t].start));
    if (!slot) {
      box.append(tokenElement(parse, t));
      cursor = tokens[t].end;
      t += 1;
      continue;
    }
    const words = el("span", { class: "slot-words" });
    let inner = tokens[t].start;
    while (t < tokens.length && tokens[t].end <= slot.end) {
      words.append(text.slice(inner, tokens[t].start), tokenElement(parse, t));
      inner = tokens[t].end;
      t += 1;
    }
    box.append(
      el(
        "span",
        { class: "slot", role: "group", "aria-label": slot.name, dataset: { slot: slot.name }, style: { "--hue": slotHue(slot.name) } },
        words,
        el("span", { class: "slot-name", "aria-hidden": "true" }, slot.name),
        placeLine(slot),
      ),
    );
    cursor = inner;
  }
  box.append(text.slice(cursor));
}

function tokenElement(parse, index) {
  const token = parse.tokens[index];
  const node = el(
    "span",
    {
      class: token.confidence < 0.5 ? "token unsure" : "token",
      role: "option",
      tabindex: "-1",
      "aria-selected": "false",
      title: `${token.label} ${percent(token.confidence)}`,
      dataset: { index: String(index), label: token.label },
    },
    parse.text.slice(token.start, token.end),
  );
  return node;
}

function renderSlots(slots) {
  const list = $("slots");
  list.replaceChildren();
  if (slots.length === 0) {
    list.append(el("li", { class: "muted" }, "No slots found."));
    return;
  }
  for (const slot of slots) {
    list.append(
      el(
        "li",
        { style: { "--hue": slotHue(slot.name) } },
        el("span", { class: "swatch", "aria-hidden": "true" }),
        el("span", { class: "slot-label" }, slot.name),
        " ",
        el("q", {}, slot.value),
        el("span", { class: "muted" }, ` ${percent(slot.confidence)}`),
      ),
    );
  }
}

// Under a place slot: where the service resolved it, as its first airport and the place's name.
function placeLine(slot) {
  if (!("place" in slot)) return ""; // not a place, or the service runs without the resolving stage
  const place = slot.place;
  if (place === null) return el("span", { class: "slot-place unknown", title: "No known place by this name" }, "unknown place");
  const code = place.airports[0] || place.city_code;
  const shown = code ? `${code} · ${place.name}` : place.name;
  return el("span", { class: "slot-place", title: placeTitle(place) }, shown);
}

function placeTitle(place) {
  const where = [place.name, place.country].filter(Boolean).join(", ");
  const airports = place.airports.length ? ` · airports ${place.airports.join(", ")}` : "";
  const fuzzy = place.match && place.match.fuzzy ? ` · read as “${place.match.name}”` : "";
  return where + airports + fuzzy;
}

// ---- the booking card: the answer's frame, one row per field the request gave ----

const CABINS = { first: "first", business: "business", premium_economy: "premium economy", economy: "economy" };

function renderFrame(frame) {
  const card = $("frame");
  card.hidden = !frame; // out of scope (null), or a service that does not resolve (absent)
  if (!frame) return;
  $("frame-route").replaceChildren(routeEnd(frame.origin, "from"), " → ", routeEnd(frame.destination, "to"));
  const rows = [
    ["origin", "From", frame.origin, locationValue],
    ["destination", "To", frame.destination, locationValue],
    ...frame.stops.map((stop) => ["stop", "Via", stop, locationValue]),
    ["depart", "Depart", frame.depart, legValue],
    ["arrive", "Arrive", frame.arrive, legValue],
    ["return", "Return", frame.return, legValue],
    ["airline", "Airline", frame.airline, airlineValue],
    ["cabin", "Cabin", frame.cabin, (cabin) => CABINS[cabin] || cabin],
    ["round_trip", "Trip", frame.round_trip, (round) => (round ? "round trip" : "one way")],
    ["nonstop", "Stops", frame.nonstop, () => "nonstop only"],
    ["max_price", "Up to", frame.max_price, priceValue],
  ].filter(([, , value]) => value !== null && value !== undefined);
  const fields = $("frame-fields");
  fields.replaceChildren();
  if (rows.length === 0) {
    fields.append(el("div", { class: "frame-field muted" }, "No places, dates or airline found."));
    return;
  }
  for (const [name, title, value, show] of rows) fields.append(frameField(name, title, value, show(value)));
}

function routeEnd(location, side) {
  if (!location) return el("span", { class: `frame-end frame-${side} muted` }, "?");
  const code = location.airports[0];
  const name = location.place ? location.place.name : location.text;
  return el("span", { class: `frame-end frame-${side}` }, code ? el("strong", {}, code) : "", code ? ` ${name}` : name);
}

// One row; a value that carries a confidence shows it, and under LOW_CONFIDENCE it is marked and says why.
function frameField(name, title, value, shown) {
  const sure = typeof value === "object" && typeof value.confidence === "number" ? value.confidence : null;
  const low = sure !== null && sure < LOW_CONFIDENCE;
  const attrs = { class: low ? "frame-field low-confidence" : "frame-field", dataset: { field: name } };
  if (sure !== null) attrs.title = low ? `Only ${percent(sure)} sure: check this` : `${percent(sure)} sure`;
  return el(
    "div",
    attrs,
    el("dt", {}, title),
    el("dd", {}, shown, sure === null ? "" : el("span", { class: "frame-confidence" }, percent(sure))),
  );
}

function locationValue(location) {
  const code = location.airports[0];
  const name = location.place ? location.place.name : location.text;
  const others = location.airports.slice(1);
  return el(
    "span",
    { title: location.place ? placeTitle(location.place) : "No known place by this name" },
    code ? el("span", { class: "frame-code" }, code) : "",
    code ? ` ${name}` : name,
    others.length ? el("span", { class: "muted" }, ` (or ${others.join(", ")})`) : "",
    location.place ? "" : el("span", { class: "muted" }, " (unknown place)"),
  );
}

function legValue(leg) {
  const parts = [];
  if (leg.date) parts.push(el("time", { datetime: leg.date, class: "frame-date" }, longDate(leg.date)));
  const window = timeWindow(leg.earliest, leg.latest);
  if (window) parts.push(parts.length ? `, ${window}` : window);
  if (!parts.length) parts.push(el("span", { class: "muted" }, "no date or time read"));
  return el("span", {}, ...parts, el("span", { class: "muted" }, ` “${leg.text}”`));
}

function longDate(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  const options = { weekday: "short", day: "numeric", month: "short", year: "numeric" };
  return new Date(year, month - 1, day).toLocaleDateString("en-GB", options);
}

function timeWindow(earliest, latest) {
  if (earliest && latest) return earliest === latest ? `at ${earliest}` : `${earliest}–${latest}`;
  if (earliest) return `after ${earliest}`;
  if (latest) return `before ${latest}`;
  return "";
}

function airlineValue(airline) {
  if (!airline.name) return el("span", {}, airline.text, el("span", { class: "muted" }, " (unknown airline)"));
  return el("span", {}, airline.code ? el("span", { class: "frame-code" }, airline.code) : "", ` ${airline.name}`);
}

function priceValue(price) {
  try {
    const whole = Number.isInteger(price.amount);
    const options = { style: "currency", currency: price.currency, maximumFractionDigits: whole ? 0 : 2 };
    return new Intl.NumberFormat("en-US", options).format(price.amount);
  } catch {
    return `${price.amount} ${price.currency}`; // a currency code the browser does not know
  }
}

// Picking a word: mark it, give it the keyboard focus slot, draw its label bars and gate values.
function selectToken(index, focus) {
  const tokens = view.parse.tokens;
  view.selected = Math.max(0, Math.min(index, tokens.length - 1));
  for (const node of document.querySelectorAll("#sentence .token")) {
    const on = Number(node.dataset.index) === view.selected;
    node.setAttribute("aria-selected", String(on));
    node.tabIndex = on ? 0 : -1; // roving tabindex: Tab enters the sentence at the picked word
    if (on && focus) node.focus();
  }
  for (const cell of document.querySelectorAll("#gates-chart [data-index]")) {
    cell.classList.toggle("picked", Number(cell.dataset.index) === view.selected);
  }
  renderBars(tokens[view.selected]);
  renderTokenGates(view.selected);
}

function renderBars(token) {
  const typed = view.parse.text.slice(token.start, token.end);
  $("token-title").replaceChildren(`“${typed}” is `, el("span", { class: "token-label" }, token.label), ` ${percent(token.confidence)}`);
  const entries = Object.entries(token.distribution)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_LABELS);
  $("bars").replaceChildren(
    ...entries.map(([label, p]) => {
      const slot = slotOf(label);
      return el(
        "li",
        { class: slot ? "bar" : "bar outside", style: slot ? { "--hue": slotHue(slot) } : {} },
        el("span", { class: "bar-label" }, label),
        el("span", { class: "bar-track", "aria-hidden": "true" }, el("span", { class: "bar-fill", style: { width: `${(100 * p).toFixed(2)}%` } })),
        el("span", { class: "bar-value" }, percent(p)),
      );
    }),
  );
}

function renderTokenGates(index) {
  const list = $("token-gates");
  list.replaceChildren();
  if (!view.explain) return;
  const token = view.explain.tokens[index];
  for (const [direction, title] of DIRECTIONS) {
    const stats = token[direction];
    if (!stats) continue;
    const parts = GATES.map(([key, name]) => `${name.split(" ")[1]} ${stats[key].toFixed(2)}`);
    list.append(el("dt", {}, title.split(" (")[0]), el("dd", {}, parts.join(" · ")));
  }
}

// The gate chart: a table, one column per token, one row per gate and direction; each cell is a
// bar whose height is the value (memory norms scaled to the largest in the sentence).
function renderGates(explain, problem) {
  const chart = $("gates-chart");
  chart.replaceChildren();
  if (!explain) {
    const why = problem ? problem.message : "no data";
    chart.append(el("p", { class: "muted" }, `No gate chart for this model: ${why}`));
    return;
  }
  const tokens = explain.tokens;
  const directions = DIRECTIONS.filter(([d]) => tokens.every((t) => t[d]));
  const largestNorm = Math.max(1e-9, ...tokens.flatMap((t) => directions.map(([d]) => t[d].cell_norm)));
  const head = el(
    "tr",
    {},
    el("th", { scope: "col" }, el("span", { class: "sr-only" }, "gate")),
    ...tokens.map((t, i) => el("th", { scope: "col", dataset: { index: String(i) } }, t.text)),
  );
  const body = el("tbody");
  for (const [direction, title] of directions) {
    body.append(el("tr", { class: "direction" }, el("th", { scope: "rowgroup", colspan: String(tokens.length + 1) }, title)));
    for (const [key, name] of GATES) {
      const scale = key === "cell_norm" ? largestNorm : 1;
      body.append(
        el(
          "tr",
          { class: `gate gate-${key}` },
          el("th", { scope: "row" }, name),
          ...tokens.map((t, i) => gateCell(t[direction][key], scale, i)),
        ),
      );
    }
  }
  const table = el("table", { class: "gates" }, el("thead", {}, head), body);
  table.addEventListener("click", (event) => {
    const cell = event.target.closest("[data-index]");
    if (cell) selectToken(Number(cell.dataset.index), false);
  });
  chart.append(table);
}

function gateCell(value, scale, index) {
  const height = `${Math.max(2, (100 * value) / scale).toFixed(1)}%`;
  return el(
    "td",
    { title: value.toFixed(3), dataset: { index: String(index) } },
    el("span", { class: "gate-bar", "aria-hidden": "true" }, el("span", { class: "gate-fill", style: { height } })),
    el("span", { class: "sr-only" }, value.toFixed(2)),
  );
}

// ---- wiring ----

function onSentenceKey(event) {
  if (!view.parse) return;
  const last = view.parse.tokens.length - 1;
  const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  let target = null;
  if (event.key in moves) target = view.selected + moves[event.key];
  else if (event.key === "Home") target = 0;
  else if (event.key === "End") target = last;
  else if (event.key === "Enter" || event.key === " ") {
    const focused = event.target.closest(".token");
    target = focused ? Number(focused.dataset.index) : view.selected;
  }
  if (target === null) return;
  event.preventDefault();
  selectToken(target, true);
}

function start() {
  const input = $("text");
  $("parse-form").addEventListener("submit", (event) => {
    event.preventDefault();
    submit(input.value);
  });
  for (const button of document.querySelectorAll(".example")) {
    button.addEventListener("click", () => {
      input.value = button.textContent;
      submit(input.value);
    });
  }
  const sentence = $("sentence");
  sentence.addEventListener("click", (event) => {
    const token = event.target.closest(".token");
    if (token) selectToken(Number(token.dataset.index), true);
  });
  sentence.addEventListener("keydown", onSentenceKey);
}

start();
