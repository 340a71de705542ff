#!/usr/bin/env bash
# End-to-end check of the Docker image: build it, serve the bundled model, parse a sentence, read /metrics,
# retrain on a tiny dataset inside the container and serve the retrained model.
#
#   bash scripts/docker-smoke.sh            (as root; CI calls it from .ci/run)
#
# Installs what it lacks (Debian's docker.io and debootstrap), starts dockerd if none answers (and stops
# that one, only that one, when it exits), and copes with a machine that reaches no container registry
# and no PyTorch index:
#   - base image not pullable: builds a stand-in from Debian's packages (debootstrap bookworm with python3)
#     and imports it as $STANDIN_BASE (kept: later runs reuse it);
#   - default torch index unreachable: serves the CPU torch wheel that pip finds locally from a folder on
#     127.0.0.1 and builds with --network host.
# Idempotent (containers and temp files are removed, images are kept as a cache); every wait is bounded.
#
# Environment: IMAGE (default slotfill:latest), BUILD_STAGE_IMAGE (slotfill-build:latest: the build stage,
# kept as the layer cache), STANDIN_BASE (slotfill-base:bookworm), SMOKE_INDEX_PORT (18765),
# DEBIAN_MIRROR (http://deb.debian.org/debian), SLOTFILL_DOCKER_CACHE (/var/cache/slotfill-docker),
# MAX_IMAGE_BYTES (1200000000).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGE=${IMAGE:-slotfill:latest}
BUILD_STAGE_IMAGE=${BUILD_STAGE_IMAGE:-slotfill-build:latest}
STANDIN_BASE=${STANDIN_BASE:-slotfill-base:bookworm}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${SLOTFILL_DOCKER_CACHE:-/var/cache/slotfill-docker}
MAX_IMAGE_BYTES=${MAX_IMAGE_BYTES:-1200000000}
RUN_ID="slotfill-smoke-$$"
WORK=$(mktemp -d "/tmp/$RUN_ID.XXXXXX")

STARTED_DOCKERD_PID=""
INDEX_SERVER_PID=""
ROOTFS=""
CONTAINERS=()
STEP_NAMES=()
STEP_SECONDS=()
SCRIPT_START=$(date +%s)
STEP_NAME=""
STEP_START=0

log() { printf '[docker-smoke %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() {
    printf '[docker-smoke] FAILED: %s\n' "$*" >&2
    exit 1
}

end_step() {
    if [ -n "$STEP_NAME" ]; then
        local took=$(($(date +%s) - STEP_START))
        STEP_NAMES+=("$STEP_NAME")
        STEP_SECONDS+=("$took")
        log "step '$STEP_NAME' took ${took}s"
        STEP_NAME=""
    fi
}
step() {
    end_step
    STEP_NAME=$1
    STEP_START=$(date +%s)
    log "== $1"
}

print_timings() {
    local i
    echo "docker-smoke timings:"
    for i in "${!STEP_NAMES[@]}"; do
        printf '  %-44s %5ss\n' "${STEP_NAMES[$i]}" "${STEP_SECONDS[$i]}"
    done
    printf '  %-44s %5ss\n' "total" "$(($(date +%s) - SCRIPT_START))"
}

unmount_rootfs() {
    # debootstrap mounts /proc and /sys inside the tree; never delete through a live mount.
    local m
    [ -n "$ROOTFS" ] && [ -d "$ROOTFS" ] || return 0
    for m in dev/pts dev/shm dev proc sys; do
        if mountpoint -q "$ROOTFS/$m" 2>/dev/null; then umount -l "$ROOTFS/$m" || true; fi
    done
}

cleanup() {
    local rc=$?
    set +e
    end_step
    local c
    for c in "${CONTAINERS[@]}"; do
        if [ "$rc" -ne 0 ] && docker inspect "$c" >/dev/null 2>&1; then
            echo "---- last log lines of container $c:" >&2
            docker logs --tail 40 "$c" >&2 2>&1
        fi
        docker rm -f "$c" >/dev/null 2>&1
    done
    if [ -n "$INDEX_SERVER_PID" ]; then
        kill "$INDEX_SERVER_PID" 2>/dev/null
        wait "$INDEX_SERVER_PID" 2>/dev/null
    fi
    if [ -n "$ROOTFS" ] && [ -d "$ROOTFS" ]; then
        unmount_rootfs
        if ! grep -q " $ROOTFS/" /proc/mounts; then rm -rf --one-file-system "$ROOTFS"; fi
    fi
    if [ -n "$STARTED_DOCKERD_PID" ]; then
        log "stopping the dockerd this script started (pid $STARTED_DOCKERD_PID)"
        kill "$STARTED_DOCKERD_PID" 2>/dev/null
        for _ in $(seq 1 30); do
            kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || break
            sleep 1
        done
        kill -9 "$STARTED_DOCKERD_PID" 2>/dev/null
    fi
    rm -rf "$WORK"
    print_timings
    if [ "$rc" -eq 0 ]; then log "PASSED"; else echo "[docker-smoke] exit status $rc" >&2; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" -eq 0 ] || fail "run as root (it installs packages, starts dockerd and runs debootstrap)"
command -v python3 >/dev/null || fail "python3 is needed for the JSON checks"

# ---------------------------------------------------------------------------------------------------------
step "install docker.io and debootstrap if missing"
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 300 apt-get update -qq || fail "apt-get update failed"
    # shellcheck disable=SC2046
    timeout 600 apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) \
        >"$WORK/apt.log" 2>&1 || {
        tail -20 "$WORK/apt.log" >&2
        fail "apt-get install ${missing[*]} failed"
    }
fi

# ---------------------------------------------------------------------------------------------------------
step "docker daemon"
if docker info >/dev/null 2>&1; then
    log "using the docker daemon that is already running"
else
    mkdir -p "$CACHE"
    log "starting dockerd (log: $CACHE/dockerd.log)"
    dockerd >"$CACHE/dockerd.log" 2>&1 &
    STARTED_DOCKERD_PID=$!
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && break
        kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || {
            tail -20 "$CACHE/dockerd.log" >&2
            fail "dockerd exited at start"
        }
        sleep 1
    done
    docker info >/dev/null 2>&1 || {
        tail -20 "$CACHE/dockerd.log" >&2
        fail "dockerd did not answer within 60 s"
    }
fi
docker version --format 'docker client {{.Client.Version}}, daemon {{.Server.Version}}'

# ---------------------------------------------------------------------------------------------------------
step "base image"
BASE_IMAGE=$(sed -n 's/^ARG BASE_IMAGE=\(.*\)$/\1/p' "$ROOT/Dockerfile" | head -1)
[ -n "$BASE_IMAGE" ] || fail "no 'ARG BASE_IMAGE=' default in Dockerfile"
BUILD_ARGS=()
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "$BASE_IMAGE is here already"
elif timeout 120 docker pull -q "$BASE_IMAGE" >"$WORK/pull.log" 2>&1; then
    log "pulled $BASE_IMAGE"
else
    log "cannot pull $BASE_IMAGE ($(tail -1 "$WORK/pull.log")); using the local stand-in $STANDIN_BASE"
    BUILD_ARGS+=(--build-arg "BASE_IMAGE=$STANDIN_BASE")
    if docker image inspect "$STANDIN_BASE" >/dev/null 2>&1; then
        log "$STANDIN_BASE exists (cached): not rebuilt"
    else
        ROOTFS=$(mktemp -d /var/tmp/slotfill-rootfs.XXXXXX)
        log "debootstrap bookworm into $ROOTFS from $DEBIAN_MIRROR"
        timeout 1200 debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates \
            bookworm "$ROOTFS" "$DEBIAN_MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
            tail -30 "$WORK/debootstrap.log" >&2
            unmount_rootfs
            fail "debootstrap failed"
        }
        unmount_rootfs
        # Trust what this host trusts: HTTPS may go through a re-signing proxy whose CA only the host knows.
        if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
            cp /usr/local/share/ca-certificates/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
            chroot "$ROOTFS" update-ca-certificates >/dev/null 2>&1 || fail "update-ca-certificates in the stand-in failed"
        fi
        # As slim as the official python:*-slim images: no package lists, caches, docs, manuals or translations.
        rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/tmp/* \
            "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/locale/*
        tar -C "$ROOTFS" --numeric-owner -c . | docker import \
            --change 'ENV LANG=C.UTF-8' \
            --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' \
            --change 'CMD ["python3"]' \
            - "$STANDIN_BASE" >/dev/null
        rm -rf --one-file-system "$ROOTFS"
        ROOTFS=""
        log "imported $STANDIN_BASE"
    fi
    docker run --rm --network none "$STANDIN_BASE" python3 -c "import venv, ssl, sys; print('stand-in base:', sys.version.split()[0])"
fi

# ---------------------------------------------------------------------------------------------------------
step "torch index"
TORCH_VERSION=$(sed -n 's/^ARG TORCH_VERSION=\(.*\)$/\1/p' "$ROOT/Dockerfile" | head -1)
TORCH_INDEX=$(sed -n 's/^ARG TORCH_INDEX_URL=\(.*\)$/\1/p' "$ROOT/Dockerfile" | head -1)
if python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1].rstrip('/') + '/torch/', timeout=15)" \
    "$TORCH_INDEX" 2>/dev/null; then
    log "$TORCH_INDEX answers: the build uses it"
else
    log "$TORCH_INDEX unreachable: serving the local CPU wheel of torch $TORCH_VERSION from 127.0.0.1"
    WHEELS="$CACHE/torch-index"
    mkdir -p "$WHEELS/torch"
    if ! compgen -G "$WHEELS/torch/torch-$TORCH_VERSION+cpu-cp311-*.whl" >/dev/null; then
        # pip finds the wheel where this machine's pip config points (a local folder here); only a +cpu build will do.
        timeout 900 python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
            --implementation cp --abi cp311 --platform manylinux_2_28_x86_64 \
            -d "$WORK/wheel" "torch==$TORCH_VERSION" >"$WORK/pip-download.log" 2>&1 || {
            tail -20 "$WORK/pip-download.log" >&2
            fail "pip download torch==$TORCH_VERSION failed"
        }
        wheel=$(find "$WORK/wheel" -name "torch-$TORCH_VERSION+cpu-cp311-*.whl" | head -1)
        [ -n "$wheel" ] || fail "pip found no CPU build of torch $TORCH_VERSION (got: $(ls "$WORK/wheel"))"
        mv "$wheel" "$WHEELS/torch/"
    fi
    # A plain directory listing is a valid PEP 503 project page: $url/torch/ lists the wheel.
    # The same port every run when it is free: the URL is a build argument, part of docker's layer cache key.
    port=$(python3 -c "
import socket
s = socket.socket()
try:
    s.bind(('127.0.0.1', int('${SMOKE_INDEX_PORT:-18765}')))
except OSError:
    s.bind(('127.0.0.1', 0))
print(s.getsockname()[1])")
    python3 -m http.server --bind 127.0.0.1 --directory "$WHEELS" "$port" >"$WORK/index.log" 2>&1 &
    INDEX_SERVER_PID=$!
    TORCH_INDEX="http://127.0.0.1:$port/"
    for _ in $(seq 1 20); do
        python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + 'torch/', timeout=2)" \
            "$TORCH_INDEX" 2>/dev/null && break
        sleep 0.5
    done
    BUILD_ARGS+=(--build-arg "TORCH_INDEX_URL=$TORCH_INDEX")
fi
# A PyPI mirror configured on this host (an http(s) index, not a local file:// one) is passed on.
for var in PIP_INDEX_URL PIP_EXTRA_INDEX_URL; do
    value=${!var:-}
    case "$value" in http://* | https://*) BUILD_ARGS+=(--build-arg "$var=$value") ;; esac
done

# ---------------------------------------------------------------------------------------------------------
step "docker build"
# The classic builder (no buildx needed). The build stage gets a tag of its own, so that its layers stay as
# the cache of the next run while the images of earlier builds, untagged now, can be removed.
for target in build runtime; do
    tag=$IMAGE
    [ "$target" = build ] && tag=$BUILD_STAGE_IMAGE
    log "docker build --force-rm --network host --target $target -t $tag ${BUILD_ARGS[*]} ."
    if ! DOCKER_BUILDKIT=0 timeout 2400 docker build --force-rm --network host --target "$target" -t "$tag" \
        "${BUILD_ARGS[@]}" "$ROOT" >"$WORK/build-$target.log" 2>&1; then
        tail -40 "$WORK/build-$target.log" >&2
        fail "docker build --target $target failed"
    fi
done
grep -h -E '^(bundled model|Successfully (built|tagged))' "$WORK"/build-*.log || true
docker image prune -f --filter label=slotfill.stage >/dev/null || true

# ---------------------------------------------------------------------------------------------------------
step "image checks (size, user, healthcheck)"
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
log "image $IMAGE: $size bytes ($((size / 1000000)) MB); limit $MAX_IMAGE_BYTES"
[ "$size" -le "$MAX_IMAGE_BYTES" ] || fail "image is $size bytes, over the limit of $MAX_IMAGE_BYTES"
user=$(docker image inspect -f '{{.Config.User}}' "$IMAGE")
case "$user" in "" | root | 0 | 0:*) fail "the image runs as root (User='$user')" ;; esac
docker image inspect -f '{{json .Config.Healthcheck}}' "$IMAGE" | grep -q healthz || fail "no HEALTHCHECK on /healthz"

free_port() { python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }

# wait_ready NAME PORT: /readyz answers 200 within 180 s, and the container stays up.
wait_ready() {
    local name=$1 port=$2 deadline=$(($(date +%s) + 180))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        if [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" != "true" ]; then
            fail "container $name stopped before it was ready"
        fi
        if python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=3)" \
            "http://127.0.0.1:$port/readyz" 2>/dev/null; then
            log "$name ready after $(($(date +%s) - deadline + 180)) s"
            return 0
        fi
        sleep 1
    done
    fail "container $name: /readyz not 200 within 180 s"
}

# wait_healthy NAME: docker's own HEALTHCHECK reports healthy within 60 s.
wait_healthy() {
    local name=$1 status=""
    for _ in $(seq 1 60); do
        status=$(docker inspect -f '{{.State.Health.Status}}' "$name")
        [ "$status" = healthy ] && return 0
        sleep 1
    done
    fail "container $name: health status '$status', not healthy within 60 s"
}

# parse PORT TEXT: POST /v1/parse; prints the JSON answer.
parse() {
    python3 - "$1" "$2" <<'EOF'
import json, sys, urllib.request
port, text = sys.argv[1], sys.argv[2]
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/v1/parse", data=json.dumps({"text": text}).encode(),
    headers={"content-type": "application/json"}, method="POST")
with urllib.request.urlopen(request, timeout=30) as response:
    assert response.status == 200, response.status
    print(response.read().decode())
EOF
}

# ---------------------------------------------------------------------------------------------------------
step "serve the bundled model"
name="$RUN_ID-serve"
port=$(free_port)
CONTAINERS+=("$name")
# As in deploy/: a read-only root file system with a tmpfs on /tmp.
docker run -d --name "$name" -p "127.0.0.1:$port:8000" --read-only --tmpfs /tmp \
    --health-interval 2s --health-start-period 60s "$IMAGE" >/dev/null
wait_ready "$name" "$port"
[ "$(docker exec "$name" id -u)" != 0 ] || fail "the server runs as root"
parse "$port" "flights from boston to denver" >"$WORK/parse.json"
python3 - "$WORK/parse.json" <<'EOF' || fail "/v1/parse did not find boston -> denver (answer in the log above)"
import json, sys
answer = json.load(open(sys.argv[1]))
slots = {slot["name"]: slot["value"] for slot in answer["slots"]}
print("slots:", slots, "intent:", answer["intent"]["name"])
if slots.get("fromloc.city_name") != "boston" or slots.get("toloc.city_name") != "denver":
    print(json.dumps(answer)[:2000])
    sys.exit(1)
EOF
python3 - "$port" <<'EOF' || fail "/metrics does not count the parse request or name the model"
import sys, urllib.request
text = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=10).read().decode()
wanted = 'slotfill_http_requests_total{endpoint="/v1/parse",method="POST",status="200"} 1.0'
assert wanted in text, text[:3000]
assert "slotfill_model_info{" in text, text[:3000]
print("metrics: parse counted, model info present")
EOF
wait_healthy "$name"
log "HEALTHCHECK: healthy"
docker rm -f "$name" >/dev/null

# ---------------------------------------------------------------------------------------------------------
step "retrain on a tiny dataset in the container"
DATA="$WORK/data"
MODELS="$WORK/models"
python3 - "$DATA" <<'EOF'
import sys
from pathlib import Path

rows = [
    ("flights from boston to denver", "O O B-fromloc.city_name O B-toloc.city_name", "flight"),
    ("show flights from denver to boston", "O O O B-fromloc.city_name O B-toloc.city_name", "flight"),
    ("i want to fly from dallas to seattle", "O O O O O B-fromloc.city_name O B-toloc.city_name", "flight"),
    ("fly from seattle to dallas on monday", "O O B-fromloc.city_name O B-toloc.city_name O B-depart_date.day_name", "flight"),
    ("what is the fare from boston to dallas", "O O O O O B-fromloc.city_name O B-toloc.city_name", "airfare"),
    ("how much is a ticket from denver to seattle", "O O O O O O B-fromloc.city_name O B-toloc.city_name", "airfare"),
    ("cheapest fare from new york to boston", "B-cost_relative O O B-fromloc.city_name I-fromloc.city_name O B-toloc.city_name", "airfare"),
    ("flights to new york from denver on friday", "O O B-toloc.city_name I-toloc.city_name O B-fromloc.city_name O B-depart_date.day_name", "flight"),
    ("fares from seattle to new york", "O O B-fromloc.city_name O B-toloc.city_name I-toloc.city_name", "airfare"),
    ("list flights from dallas to denver on friday", "O O O B-fromloc.city_name O B-toloc.city_name O B-depart_date.day_name", "flight"),
    ("fare and flights from boston to seattle", "O O O O B-fromloc.city_name O B-toloc.city_name", "airfare#flight"),
    ("arrive in boston from dallas on monday", "O O B-toloc.city_name O B-fromloc.city_name O B-depart_date.day_name", "flight"),
]
root = Path(sys.argv[1])
for split, chosen in (("train", rows), ("valid", rows[::3]), ("test", rows[1::3])):
    (root / split).mkdir(parents=True)
    for filename, column in (("seq.in", 0), ("seq.out", 1), ("label", 2)):
        (root / split / filename).write_text("".join(r[column] + "\n" for r in chosen), encoding="utf-8")
for tokens, tags, _ in rows:
    assert len(tokens.split()) == len(tags.split()), tokens
EOF
mkdir -p "$MODELS"
# The container runs as uid 10001: it reads /data and writes /models.
chmod -R a+rX "$DATA"
chown 10001:10001 "$MODELS"
name="$RUN_ID-train"
CONTAINERS+=("$name")
timeout 900 docker run --name "$name" -v "$DATA:/data:ro" -v "$MODELS:/models" "$IMAGE" \
    slotfill train --data /data --output /models/mine --name smoke-tiny --epochs 2 --no-progress \
    >"$WORK/train.log" 2>&1 || {
    tail -30 "$WORK/train.log" >&2
    fail "slotfill train in the container failed"
}
tail -2 "$WORK/train.log"
if ! [ -f "$MODELS/mine/config.json" ] || ! [ -f "$MODELS/mine/weights.safetensors" ]; then
    fail "no checkpoint in $MODELS/mine"
fi
docker rm -f "$name" >/dev/null

# ---------------------------------------------------------------------------------------------------------
step "serve the retrained model (2 workers)"
name="$RUN_ID-mine"
port=$(free_port)
CONTAINERS+=("$name")
docker run -d --name "$name" -p "127.0.0.1:$port:8000" -v "$MODELS:/models:ro" \
    -e SLOTFILL_MODEL=/models/mine -e SLOTFILL_WORKERS=2 "$IMAGE" >/dev/null
wait_ready "$name" "$port"
for _ in 1 2 3 4 5 6; do parse "$port" "fly from dallas to boston on friday" >"$WORK/mine.json"; done
python3 - "$port" "$MODELS/mine/config.json" "$WORK/mine.json" <<'EOF' || fail "the retrained model is not the one served"
import json, sys, urllib.request
port, config_path, answer_path = sys.argv[1:]
config = json.load(open(config_path))
served = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/model", timeout=10))
assert served["name"] == "smoke-tiny", served["name"]
assert served["weights_sha256"] == config["weights_sha256"], (served["weights_sha256"], config["weights_sha256"])
answer = json.load(open(answer_path))
assert len(answer["tokens"]) == 7 and "intent" in answer, answer
print("serving", served["name"], served["version"])
# Two workers, one set of counters: /metrics sums the workers (prometheus multiprocess mode).
text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
wanted = 'slotfill_http_requests_total{endpoint="/v1/parse",method="POST",status="200"} 6.0'
assert wanted in text, [line for line in text.splitlines() if line.startswith("slotfill_http_requests_total")]
assert f'slotfill_model_info{{name="smoke-tiny",version="{served["version"]}"}} 1.0' in text
print("metrics: 6 parse requests counted over 2 workers")
EOF
docker rm -f "$name" >/dev/null
end_step
