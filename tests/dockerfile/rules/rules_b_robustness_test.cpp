// Malformed and unusual Dockerfiles must never crash the DD1xxx rules, and
// every finding they produce keeps a real position.
#include <string>
#include <vector>

#include "rule_test.h"

namespace dd::test {

TEST(RulesBRobustness, OddInputsDoNotCrash) {
  std::vector<std::string> inputs = {
      "",
      "FROM",
      "FROM \nCOPY\nADD\nEXPOSE\nENV\nLABEL\nARG\nWORKDIR\nUSER\nONBUILD\nHEALTHCHECK\nSHELL\nCMD\nENTRYPOINT\n",
      "FROM alpine AS\nFROM alpine AS AS\nCOPY --from= a b\nCOPY --from=99999999999 a b/\n",
      "FROM ${}\nFROM $\nFROM ${A:-}\nARG\nFROM alpine:${TAG\n",
      "FROM alpine\nRUN echo \"unterminated\nRUN echo 'x\nRUN apt-get install -y \\\n",
      "FROM alpine\nRUN <<EOF\napt-get install curl | tee x\n",
      "FROM alpine\nRUN <<EOF bash\nset -e\napt-get install curl | tee x\nEOF\nCOPY <<EOT /a /b\nx\nEOT\n",
      "FROM alpine\nEXPOSE 99999999999999999999/TCP :::80 -1 80-/udp /tcp\n",
      "FROM alpine\nENV A=1 B=$A C=${B:-x} D=${\nLABEL =x \"\"=y\n",
      "FROM alpine\nONBUILD ONBUILD RUN x\nONBUILD\n",
      "FROM --platform= alpine\nFROM --platform=linux/ alpine AS /\n",
      "FROM alpine\nRUN useradd -u 99999999999999999999999 x && useradd -u\nRUN wget\nRUN ln -s\nRUN ln -s x /bin/sh\n",
      "FROM alpine\nSHELL []\nRUN a | b\nSHELL [\"\"]\nRUN a | b\n",
      "FROM alpine\nRUN pip install -r\nRUN npm i @\nRUN go install @\nRUN gem install -v\nRUN apk add --virtual\n",
      std::string(100000, 'x'),
      std::string("FROM alpine\nRUN ") + std::string(50000, '|') + "\n",
      "\x01\x02\xff\xfe FROM \x00 RUN \n",
  };
  for (const auto& text : inputs) {
    auto findings = lint(text);
    for (const auto& f : findings) {
      if (f.rule.rfind("DD1", 0) != 0) continue;
      EXPECT_GT(f.location.line, 0) << f.rule << " on input: " << text.substr(0, 60);
      EXPECT_FALSE(f.message.empty()) << f.rule;
    }
  }
}

TEST(RulesBRobustness, HadolintPragmasReachTheseRules) {
  std::string df = "FROM debian:12\n# hadolint ignore=DL3008,DL3014,DL4006\nRUN apt-get install curl | tee log\n";
  auto f = lint(df);
  EXPECT_EQ(count(f, "DD1104"), 0);
  EXPECT_EQ(count(f, "DD1105"), 0);
  EXPECT_EQ(count(f, "DD1128"), 0);
  auto g = lint("FROM debian:12\nRUN apt-get install curl | tee log\n");
  EXPECT_EQ(count(g, "DD1104"), 1);
  EXPECT_EQ(count(g, "DD1105"), 1);
  EXPECT_EQ(count(g, "DD1128"), 1);
}

TEST(RulesBRobustness, HeredocCommandsAreLocatedInTheBody) {
  auto f = only(lint("FROM debian:12\nRUN <<EOF\nset -e\napt-get install curl\nEOF\n"), "DD1105");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 4);
  EXPECT_EQ(f[0].location.column, 9);
}

}  // namespace dd::test

namespace dd::test {

// Production-grade files: the DD1xxx rules may add info notes, never warnings or errors.
TEST(RulesBRobustness, CleanMultiStageFilesHaveNoWarnings) {
  std::vector<std::string> files = {
      "# syntax=docker/dockerfile:1.7\n"
      "ARG NODE_VERSION=20.12.2\n"
      "FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-alpine AS deps\n"
      "WORKDIR /app\n"
      "COPY package.json package-lock.json ./\n"
      "RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\n"
      "\n"
      "FROM node:${NODE_VERSION}-alpine\n"
      "ENV NODE_ENV=production\n"
      "WORKDIR /app\n"
      "COPY --from=deps /app/node_modules ./node_modules\n"
      "COPY --chown=node:node . .\n"
      "USER node\n"
      "EXPOSE 3000\n"
      "HEALTHCHECK --interval=30s CMD [\"node\", \"healthcheck.js\"]\n"
      "CMD [\"node\", \"server.js\"]\n",
      "FROM golang:1.22-bookworm AS build\n"
      "ARG TARGETOS TARGETARCH\n"
      "WORKDIR /src\n"
      "COPY go.mod go.sum ./\n"
      "RUN go mod download\n"
      "COPY . .\n"
      "RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n"
      "FROM gcr.io/distroless/static-debian12:nonroot\n"
      "COPY --from=build /out/app /app\n"
      "USER nonroot:nonroot\n"
      "ENTRYPOINT [\"/app\"]\n",
      "FROM python:3.12-slim AS base\n"
      "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
      "RUN apt-get update \\\n"
      " && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n"
      " && rm -rf /var/lib/apt/lists/*\n"
      "WORKDIR /app\n"
      "COPY requirements.txt .\n"
      "RUN pip install --no-cache-dir -r requirements.txt\n"
      "COPY . .\n"
      "RUN useradd --no-log-init -r -u 10001 app\n"
      "USER app\n"
      "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n",
  };
  for (const auto& text : files) {
    for (const auto& f : lint(text)) {
      if (f.rule.rfind("DD1", 0) != 0) continue;
      EXPECT_EQ(f.severity, Severity::info) << f.rule << " " << f.message;
    }
  }
}

}  // namespace dd::test
