// Production-grade multi-stage Dockerfiles must not raise warnings or errors
// from the incident rules.
#include "rule_test.h"

namespace dd::test {

int loud_incidents(const std::vector<Finding>& all, std::string* out) {
  int n = 0;
  for (const auto& f : all) {
    if (f.rule.rfind("DD2", 0) != 0 || f.severity == Severity::info) continue;
    ++n;
    *out += f.rule + " line " + std::to_string(f.location.line) + ": " + f.message + "\n";
  }
  return n;
}

TEST(CleanMultiStage, Node) {
  std::string df = R"DF(# syntax=docker/dockerfile:1
FROM node:24.11-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24.11-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "dist/healthcheck.js"]
CMD ["node", "dist/server.js"]
)DF";
  std::string why;
  EXPECT_EQ(loud_incidents(lint(df), &why), 0) << why;
}

TEST(CleanMultiStage, Python) {
  std::string df = R"DF(FROM python:3.12-slim AS build
ENV PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/* \
    && groupadd --system app && useradd --system --gid app --no-create-home app
WORKDIR /app
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels pip install --no-cache-dir /wheels/*
COPY . .
USER app
EXPOSE 8000
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"]
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "app.wsgi:application"]
)DF";
  std::string why;
  EXPECT_EQ(loud_incidents(lint(df), &why), 0) << why;
}

TEST(CleanMultiStage, Go) {
  std::string df = R"DF(FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /server
EXPOSE 8080
HEALTHCHECK CMD ["/server", "-healthcheck"]
ENTRYPOINT ["/server"]
)DF";
  std::string why;
  EXPECT_EQ(loud_incidents(lint(df), &why), 0) << why;
}

}  // namespace dd::test
