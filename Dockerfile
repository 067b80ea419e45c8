# syntax=docker/dockerfile:1
# Multi-stage build: compile in the Rust image, run on a slim Debian.
#   docker build -t convene .
#   docker run -d -p 8080:8080 -v convene-data:/data convene
# Pinned, so a new Rust release cannot change what the image holds.
FROM rust:1.95-slim-bookworm AS builder
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY assets ./assets
# The message catalogs are compiled into the binary.
COPY locales ./locales
# The route table for 405 answers is read from the API description.
COPY docs/openapi.yaml ./docs/openapi.yaml
# Declared benchmark targets must exist for the manifest to load.
COPY benches ./benches
# BuildKit cache mounts keep the crates and compiled dependencies between
# builds, so a change to the sources rebuilds only Convene itself.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
 && strip -o /convene target/release/convene

FROM debian:bookworm-slim
LABEL org.opencontainers.image.title="Convene" \
      org.opencontainers.image.description="Self-hosted member management and booking in one binary" \
      org.opencontainers.image.licenses="AGPL-3.0-or-later"
# Not pinned to a version: ca-certificates must follow Debian's security
# updates, and a pinned version disappears from the archive when it does.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 convene \
 && useradd --system --uid 10001 --gid 10001 --home-dir /data --shell /usr/sbin/nologin convene \
 && mkdir -p /data && chown convene:convene /data
COPY --from=builder /convene /usr/local/bin/convene
COPY config.example.toml docs/OPERATIONS.md /usr/share/doc/convene/
# Numeric, so Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
ENV CONVENE_STORAGE_DATA_DIR=/data \
    CONVENE_SERVER_BIND=0.0.0.0:8080 \
    MALLOC_ARENA_MAX=2
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD ["/usr/local/bin/convene", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/convene"]
CMD ["serve"]
