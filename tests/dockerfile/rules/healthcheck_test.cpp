#include "fake_image_store.h"
#include "rule_test.h"

namespace dd::test {

TEST(Healthcheck, ServiceWithoutHealthcheck) {
  auto f = only(lint("FROM node:20-alpine\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n"), "DD2040");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].severity, Severity::info);
  EXPECT_NE(f[0].fix.find("wget -qO- http://127.0.0.1:3000/health"), std::string::npos) << f[0].fix;
}

TEST(Healthcheck, WrongPort) {
  auto f = only(lint("FROM node:20-slim\nEXPOSE 3000\nHEALTHCHECK CMD node -e \"fetch('http://localhost:8080/h')\"\n"
                     "CMD [\"node\", \"s.js\"]\n"),
                "DD2041");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 33);
  EXPECT_NE(f[0].message.find("probes port 8080 but the image EXPOSEs 3000"), std::string::npos);
}

TEST(Healthcheck, CurlOnAlpineWithoutInstall) {
  auto f = only(lint("FROM node:20-alpine\nEXPOSE 3000\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\n"),
                "DD2042");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.column, 17);
  EXPECT_EQ(count(lint("FROM node:20-alpine\nRUN apk add --no-cache curl\nEXPOSE 3000\n"
                       "HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\n"),
                  "DD2042"),
            0);
  EXPECT_EQ(count(lint("FROM gcr.io/distroless/static-debian12\nHEALTHCHECK CMD /app -health\n"), "DD2042"), 1);
  EXPECT_EQ(count(lint("FROM gcr.io/distroless/static-debian12\nHEALTHCHECK CMD [\"/app\", \"-health\"]\n"), "DD2042"),
            0);
}

}  // namespace dd::test

namespace dd::test {

// With the base image at hand (--local-images), its files decide instead of
// what common bases are known to lack.
TEST(Healthcheck, LocalBaseImageDecidesWhichToolsExist) {
  auto store = std::make_shared<FakeImageStore>();
  auto& corp = store->images["corp/base:1"];  // a company base nobody knows
  corp.image = {"sha256:aaaa", {"linux", "amd64", ""}, "", {"PATH=/opt/bin:/usr/bin"}};
  corp.files = {{"/usr/bin/wget", ""}, {"/bin/sh", ""}};
  auto& alp = store->images["alpine:3.20"];  // an alpine someone added curl to
  alp.image = {"sha256:bbbb", {"linux", "amd64", ""}, "", {}};
  alp.files = {{"/usr/bin/curl", ""}, {"/bin/sh", ""}};
  auto& bare = store->images["corp/static:1"];  // no shell at all
  bare.image = {"sha256:cccc", {"linux", "amd64", ""}, "", {}};
  const Config cfg = with_store(store);

  auto f = only(lint("FROM corp/base:1\nHEALTHCHECK CMD curl -f http://127.0.0.1:8080/ || exit 1\n", cfg), "DD2042");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("runs curl, which corp/base:1 (looked up in the local engine)"), std::string::npos)
      << f[0].message;
  EXPECT_EQ(f[0].location.column, 17);
  // Without the store nothing is known of corp/base.
  EXPECT_EQ(count(lint("FROM corp/base:1\nHEALTHCHECK CMD curl -f http://127.0.0.1:8080/\n"), "DD2042"), 0);
  // wget is in the image's own PATH; the builtin exit is never looked up.
  EXPECT_EQ(count(lint("FROM corp/base:1\nHEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/ || exit 1\n", cfg), "DD2042"), 0);
  // An absolute path is looked up as it is.
  EXPECT_EQ(count(lint("FROM corp/base:1\nHEALTHCHECK CMD [\"/usr/bin/wget\", \"-q\", \"x\"]\n", cfg), "DD2042"), 0);
  EXPECT_EQ(count(lint("FROM corp/base:1\nHEALTHCHECK CMD [\"/app/health\"]\n", cfg), "DD2042"), 1);
  // The guess about alpine gives way to the real image, which has curl.
  EXPECT_EQ(count(lint("FROM alpine:3.20\nHEALTHCHECK CMD curl -f http://127.0.0.1/\n"), "DD2042"), 1);
  EXPECT_EQ(count(lint("FROM alpine:3.20\nHEALTHCHECK CMD curl -f http://127.0.0.1/\n", cfg), "DD2042"), 0);
  // A step that installs the tool still counts.
  EXPECT_EQ(count(lint("FROM corp/base:1\nRUN apt-get install -y curl\nHEALTHCHECK CMD curl -f http://x/\n", cfg),
                  "DD2042"),
            0);
  // Shell form needs /bin/sh, which the static image lacks.
  f = only(lint("FROM corp/static:1\nHEALTHCHECK CMD /app -health\n", cfg), "DD2042");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("no /bin/sh"), std::string::npos) << f[0].message;
  // Through a builder stage, the base of the final chain is the one looked at.
  EXPECT_EQ(count(lint("FROM corp/base:1 AS b\nFROM b\nHEALTHCHECK CMD curl http://x/\n", cfg), "DD2042"), 1);
}

}  // namespace dd::test

namespace dd::test {

TEST(Healthcheck, LocalBaseImageHealthcheckIsInherited) {
  auto store = std::make_shared<FakeImageStore>();
  auto& with = store->images["corp/web:1"];
  with.image.id = "sha256:aaaa";
  with.image.platform = {"linux", "amd64", ""};
  with.image.healthcheck = true;
  auto& without = store->images["corp/plain:1"];
  without.image.id = "sha256:bbbb";
  without.image.platform = {"linux", "amd64", ""};
  const Config cfg = with_store(store);
  EXPECT_EQ(count(lint("FROM corp/web:1\nEXPOSE 8080\nCMD [\"/app\"]\n"), "DD2040"), 1);
  EXPECT_EQ(count(lint("FROM corp/web:1\nEXPOSE 8080\nCMD [\"/app\"]\n", cfg), "DD2040"), 0);
  EXPECT_EQ(count(lint("FROM corp/plain:1\nEXPOSE 8080\nCMD [\"/app\"]\n", cfg), "DD2040"), 1);
}

}  // namespace dd::test

namespace dd::test {

// The suggested HEALTHCHECK uses a tool the real base has (--local-images).
TEST(Healthcheck, LocalBaseImageFixUsesAToolItHas) {
  auto store = std::make_shared<FakeImageStore>();
  auto add = [&](const std::string& ref, std::map<std::string, std::string> files) {
    auto& i = store->images[ref];
    i.image.id = "sha256:" + ref;
    i.image.platform = {"linux", "amd64", ""};
    i.files = std::move(files);
  };
  add("corp/wget:1", {{"/bin/sh", ""}, {"/usr/bin/wget", ""}});
  add("corp/curl:1", {{"/bin/sh", ""}, {"/usr/bin/curl", ""}, {"/usr/bin/wget", ""}});
  add("corp/none:1", {{"/bin/sh", ""}});
  add("corp/static:1", {});
  const Config cfg = with_store(store);
  auto fix = [&](const std::string& ref) {
    auto f = only(lint("FROM " + ref + "\nEXPOSE 8080\nCMD [\"/app\"]\n", cfg), "DD2040");
    return f.size() == 1 ? f[0].fix : std::string("no finding");
  };
  EXPECT_NE(fix("corp/wget:1").find("CMD wget -qO- http://127.0.0.1:8080/health"), std::string::npos) << fix("corp/wget:1");
  EXPECT_NE(fix("corp/curl:1").find("CMD curl -fsS http://127.0.0.1:8080/health"), std::string::npos) << fix("corp/curl:1");
  EXPECT_NE(fix("corp/none:1").find("HEALTHCHECK CMD [\"/app\", \"-healthcheck\"]"), std::string::npos) << fix("corp/none:1");
  EXPECT_NE(fix("corp/static:1").find("HEALTHCHECK CMD [\"/app\", \"-healthcheck\"]"), std::string::npos);
  // Without the look, the guess for an unknown base is curl.
  auto guess = only(lint("FROM corp/wget:1\nEXPOSE 8080\nCMD [\"/app\"]\n"), "DD2040");
  ASSERT_EQ(guess.size(), 1u);
  EXPECT_NE(guess[0].fix.find("curl -fsS"), std::string::npos);
}

}  // namespace dd::test
