// The Docker Engine client: host parsing, log demultiplexing, errors, and a
// few calls against the live engine.
#include <gtest/gtest.h>

#include "helpers/docker_images.h"
#include "engine/client.h"

namespace dd::engine {
namespace {

TEST(ParseHost, UnixAndLoopbackTcp) {
  auto u = parse_host("unix:///run/user/1000/docker.sock");
  EXPECT_EQ(u.unix_path, "/run/user/1000/docker.sock");
  EXPECT_TRUE(u.tcp_base.empty());
  auto t = parse_host("tcp://127.0.0.1:2375");
  EXPECT_EQ(t.tcp_base, "http://127.0.0.1:2375");
  EXPECT_EQ(parse_host("tcp://localhost").tcp_base, "http://localhost:2375");
  EXPECT_EQ(parse_host("tcp://[::1]:2376").tcp_base, "http://[::1]:2376");
}

TEST(ParseHost, RefusesRemoteAndUnknownSchemes) {
  for (const char* h : {"tcp://10.0.0.5:2375", "tcp://docker.example.com:2376", "tcp://127.evil.com:2375",
                        "ssh://user@host", "npipe:////./pipe/docker_engine", "unix://", "/var/run/docker.sock"}) {
    try {
      parse_host(h);
      ADD_FAILURE() << h << " accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("DOCKER_HOST="), std::string::npos) << e.what();
    }
  }
}

std::string frame(int stream, const std::string& text) {
  std::string h(8, '\0');
  h[0] = static_cast<char>(stream);
  uint32_t n = static_cast<uint32_t>(text.size());
  h[4] = static_cast<char>(n >> 24);
  h[5] = static_cast<char>(n >> 16);
  h[6] = static_cast<char>(n >> 8);
  h[7] = static_cast<char>(n);
  return h + text;
}

TEST(DemuxLogs, SplitsStreamsAndLinesAcrossFrames) {
  std::string body = frame(1, "hello\nwor") + frame(2, "boom\n") + frame(1, "ld\n");
  bool truncated = true;
  auto lines = demux_logs(body, false, &truncated);
  EXPECT_FALSE(truncated);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].stream, 1);
  EXPECT_EQ(lines[0].text, "hello");
  EXPECT_EQ(lines[1].stream, 2);
  EXPECT_EQ(lines[1].text, "boom");
  EXPECT_EQ(lines[2].text, "world");
}

TEST(DemuxLogs, TtyIsRawText) {
  auto lines = demux_logs("a\r\nb", true);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[1].text, "b");
}

TEST(DemuxLogs, TruncatedFrameIsReported) {
  std::string body = frame(1, "complete\n") + frame(2, "cut short").substr(0, 12);
  bool truncated = false;
  auto lines = demux_logs(body, false, &truncated);
  EXPECT_TRUE(truncated);
  ASSERT_GE(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "complete");
  truncated = false;
  demux_logs(frame(1, "x").substr(0, 5) + std::string(8, '\0'), false, &truncated);
}

TEST(Client, AbsentSocketSaysWhatToDo) {
  Client c(parse_host("unix:///nonexistent/docker.sock"));
  try {
    c.api_version();
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "cannot reach the Docker engine at /nonexistent/docker.sock: no such file; start dockerd or set "
                 "DOCKER_HOST");
  }
}

TEST(Client, ClosedLoopbackPortIsRefused) {
  Client c(parse_host("tcp://127.0.0.1:1"));
  EXPECT_THROW(c.api_version(), InputError);
}

TEST(ClientLive, NegotiatesVersionAndInspects) {
  if (!test::engine_available()) GTEST_SKIP() << test::engine_skip_reason();
  Client c;
  std::string v = c.api_version();
  EXPECT_EQ(v.rfind("1.", 0), 0u) << v;
  EXPECT_FALSE(c.inspect_container("drydock-no-such-container-xyz").has_value());
  auto info = c.info();
  EXPECT_TRUE(info.contains("Architecture"));
  std::string img = test::busybox_image();
  ASSERT_FALSE(img.empty());
  test::Container ctr("client-logs");
  ctr.run({img, "sh", "-c", "for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done"});
  ASSERT_EQ(ctr.wait_exit(), 0);
  auto lines = c.logs(ctr.name(), 0, false);
  ASSERT_EQ(lines.size(), 10u);
  int err = 0;
  for (const auto& l : lines) {
    err += l.stream == 2;
    EXPECT_EQ(l.text.substr(0, 3), l.stream == 2 ? "err" : "out") << l.text;
  }
  EXPECT_EQ(err, 5);
  EXPECT_EQ(c.logs(ctr.name(), 4, false).size(), 4u);
  try {
    c.get_json("/containers/drydock-no-such-container-xyz/json");
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 404);
  }
}

TEST(ClientLive, EventsStreamStopsOnTimeout) {
  if (!test::engine_available()) GTEST_SKIP() << test::engine_skip_reason();
  Client c;
  EventsOptions opt;
  opt.filters = {{"type", {"container"}}, {"event", {"die"}}, {"container", {"drydock-nothing-dies-here"}}};
  opt.timeout_seconds = 1;
  int n = 0;
  c.events(opt, [&](const nlohmann::json&) { return ++n < 10; });
  EXPECT_EQ(n, 0);
}

}  // namespace
}  // namespace dd::engine
