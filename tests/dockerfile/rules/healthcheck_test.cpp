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
