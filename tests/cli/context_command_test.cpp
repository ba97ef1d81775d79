// drydock context: what the build sends, what the ignore file saves, what each
// COPY/ADD takes, on a real folder.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "helpers.h"

namespace dd::test {
namespace {

struct Project {
  TempDir dir;
  Project();
  const std::string dockerfile =
      "FROM node:22-slim AS build\n"
      "ARG SRC=src\n"
      "WORKDIR /app\n"
      "COPY package.json ./\n"
      "RUN npm ci\n"
      "COPY ${SRC} ./src\n"
      "FROM node:22-slim\n"
      "COPY --from=build /app /app\n"
      "USER node\n";
};

Project::Project() {
  dir.write("src/app.js", std::string(5000, 'a'));
  dir.write("src/lib/util.js", std::string(700, 'u'));
  dir.write("package.json", "{}\n");
  dir.write("docs/manual.pdf", std::string(70000, 'p'));
  dir.write("node_modules/big/blob.bin", std::string(300000, 'b'));
  dir.write("node_modules/big/more/x.js", std::string(1000, 'x'));
  dir.write("debug.log", "log\n");
  dir.write(".dockerignore", "node_modules\n*.log\n");
  dir.write("Dockerfile", dockerfile);
}

TEST(ContextCommand, CountsSentLeftOutUnusedAndEachCopy) {
  Project p;
  auto r = drydock({"context", "--format", "json", p.dir.path().string()});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  auto j = nlohmann::json::parse(r.out);
  const auto& c = j["context"];
  // src/app.js, src/lib/util.js, package.json, docs/manual.pdf, Dockerfile, .dockerignore
  EXPECT_EQ(c["files"], 6);
  const uint64_t dockerfile = p.dockerfile.size();
  EXPECT_EQ(c["bytes"], 5000 + 700 + 3 + 70000 + dockerfile + 19);  // .dockerignore: 19 bytes
  // node_modules is skipped whole by the walk and measured for the report.
  EXPECT_EQ(c["excluded_files"], 3);
  EXPECT_EQ(c["excluded_bytes"], 300000 + 1000 + 4);
  EXPECT_EQ(c["excluded_largest"][0]["path"], "node_modules/");
  EXPECT_EQ(c["excluded_largest"][0]["bytes"], 301000);
  // Only the manual is sent for nothing (the Dockerfile and ignore file are the build's own).
  EXPECT_EQ(c["unused_files"], 1);
  EXPECT_EQ(c["unused_bytes"], 70000);
  EXPECT_EQ(c["unused_largest"][0]["path"], "docs/manual.pdf");
  EXPECT_EQ(c["largest"][0]["path"], "docs/");
  // Two COPYs read the context; the one --from a stage does not.
  ASSERT_EQ(c["copies"].size(), 2u);
  EXPECT_EQ(c["copies"][0]["line"], 4);
  EXPECT_EQ(c["copies"][0]["stage"], "build");
  EXPECT_EQ(c["copies"][0]["files"], 1);
  EXPECT_EQ(c["copies"][0]["bytes"], 3);
  EXPECT_EQ(c["copies"][1]["sources"][0], "src") << "the ARG is expanded";
  EXPECT_EQ(c["unresolved_sources"], false);
  EXPECT_EQ(c["copies"][1]["files"], 2);
  EXPECT_EQ(c["copies"][1]["bytes"], 5700);
  EXPECT_EQ(c["copies"][1]["largest"][0]["path"], "src/app.js");
  // Only build-context findings: not the stage's other rules.
  for (const auto& f : j["findings"]) EXPECT_EQ(f["rule"].get<std::string>().substr(0, 3), "DD3") << f;

  auto text = drydock({"context", p.dir.path().string()});
  EXPECT_EQ(text.status, 0);
  for (const char* s : {"sent", "Largest items left out by the ignore file", "node_modules/",
                        "candidates for the ignore file", "docs/manual.pdf", "COPY ${SRC} ./src"})
    EXPECT_NE(text.out.find(s), std::string::npos) << s << "\n" << text.out;
}

TEST(ContextCommand, SecretFileSentIsAFindingAndBadInputIsExitTwo) {
  Project p;
  p.dir.write(".env", "DB_PASSWORD=x\n");
  p.dir.write("Dockerfile", "FROM node:22-slim\nCOPY . /app\nUSER node\n");
  auto r = drydock({"context", "--format", "json", p.dir.path().string()});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j["findings"].empty());
  EXPECT_EQ(j["findings"][0]["rule"], "DD3001");
  EXPECT_EQ(j["context"]["unused_files"], 0) << "COPY . takes everything";
  EXPECT_EQ(j["context"]["unresolved_sources"], false);
  p.dir.write("Dockerfile", "FROM node:22-slim\nCOPY $NOPE /app\nUSER node\n");
  r = drydock({"context", "--format", "json", p.dir.path().string()});
  EXPECT_EQ(nlohmann::json::parse(r.out)["context"]["unresolved_sources"], true) << r.out;
  // --file names another Dockerfile, as docker build -f.
  auto other = p.dir.write("build/App.Dockerfile", "FROM scratch\nCOPY package.json /\n");
  r = drydock({"context", "--format", "json", "--file", other.string(), p.dir.path().string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["context"]["copies"].size(), 1u);

  for (const auto& args : std::vector<std::vector<std::string>>{
           {"context", (p.dir.path() / "nope").string()},
           {"context", "--file", (p.dir.path() / "Nope.Dockerfile").string(), p.dir.path().string()}}) {
    r = drydock(args);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find("ope"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace dd::test
