# syntax=docker/dockerfile:1
# drydock's own image: built in one stage, shipped in a slim one as non-root.
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config \
      libarchive-dev libisal-dev libzstd-dev libhyperscan-dev nlohmann-json3-dev \
      libyaml-cpp-dev libcurl4-openssl-dev libsqlite3-dev libcli11-dev libfmt-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY tools ./tools
COPY src ./src
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRYDOCK_TESTS=OFF -DDRYDOCK_BENCH=OFF \
 && ninja -C build drydock \
 && strip build/drydock

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libarchive13 libisal2 libzstd1 libhyperscan5 libyaml-cpp0.7 libcurl4 libsqlite3-0 libfmt9 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-log-init --no-create-home drydock
COPY --from=build /src/build/drydock /usr/local/bin/drydock
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/drydock"]
CMD ["--help"]
