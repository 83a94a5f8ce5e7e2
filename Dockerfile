# syntax=docker/dockerfile:1
#
# newsstream image: one image, two roles.
#
#   docker build -t newsstream .
#   docker run --rm newsstream worker --broker kafka:9092     # Faust worker + web (6066)
#   docker run --rm newsstream poll --broker kafka:9092       # feed pollers
#
# docker-compose.yml wires both roles to a single-node Kafka.

# ---------------------------------------------------------------------------
# Build stage: install the project (with the rocksdb extra) into a virtualenv
# that is copied as a whole into the runtime stage. The dependencies ship
# manylinux wheels; the compiler is for the clusterer's hot modules, which the
# build compiles with Cython (pyproject's ext-modules; without one they would
# stay pure Python, slower). The runtime stage needs no compiler.
# ---------------------------------------------------------------------------
FROM python:3.11-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src
# README*/LICENSE* are globs so the build does not fail while they are absent
# (pyproject.toml is always present, so the COPY has at least one source).
COPY pyproject.toml README* LICENSE* ./
COPY streams ./streams
RUN pip install --no-cache-dir '.[rocksdb]'

# ---------------------------------------------------------------------------
# Runtime stage
# ---------------------------------------------------------------------------
FROM python:3.11-slim AS runtime

LABEL org.opencontainers.image.title="newsstream" \
      org.opencontainers.image.description="Stream processor for live news (Faust + Kafka)"

ENV PATH=/opt/venv/bin:$PATH \
    NEWSSTREAM_WEB_HOST=0.0.0.0 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    NEWSSTREAM_STORE=rocksdb:// \
    NEWSSTREAM_DATA_DIR=/data \
    NEWSSTREAM_WEB_PORT=6066 \
    NEWSSTREAM_FEEDS=/app/config/feeds.yaml

# Unprivileged user; /data (RocksDB tables, Faust state) must be writable by it.
RUN groupadd --system --gid 10001 newsstream \
 && useradd --system --uid 10001 --gid newsstream \
        --home-dir /home/newsstream --create-home --shell /usr/sbin/nologin newsstream \
 && mkdir -p /data /app/config \
 && chown newsstream:newsstream /data

COPY --from=build /opt/venv /opt/venv
COPY config/ /app/config/

WORKDIR /app
USER newsstream

# Faust web server (GET /health). Only the worker listens on it.
EXPOSE 6066

# No curl in the slim image: probe /health with the standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('NEWSSTREAM_WEB_PORT') or '6066'; r = urllib.request.urlopen('http://127.0.0.1:%s/health' % port, timeout=4); sys.exit(0 if r.status == 200 else 1)"]

ENTRYPOINT ["newsstream"]
CMD ["worker"]
