#include "render/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dd::render {
namespace {

std::string as_json(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonWriter, EscapesWhatRfc8259Requires) {
  EXPECT_EQ(as_json("plain"), "\"plain\"");
  EXPECT_EQ(as_json("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(as_json("l1\nl2\tx\r"), "\"l1\\nl2\\tx\\r\"");
  EXPECT_EQ(as_json(std::string("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
  EXPECT_EQ(as_json(std::string("a\0b", 3)), "\"a\\u0000b\"");
}

TEST(JsonWriter, KeepsUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(as_json("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x90\xB3"), "\"caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x90\xB3\"");
  EXPECT_EQ(as_json("a\xFF" "b"), "\"a\xEF\xBF\xBD" "b\"");         // not a lead byte
  EXPECT_EQ(as_json("a\xC3"), "\"a\xEF\xBF\xBD\"");                // truncated sequence
  EXPECT_EQ(as_json("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong '/'
  EXPECT_EQ(as_json("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
}

TEST(JsonWriter, OutputParsesBackToTheSameValues) {
  std::string bad = "bin\xFE\x01\"\\";
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("s", bad);
  w.field("n", 42);
  w.key("empty_array");
  w.begin_array();
  w.end_array();
  w.key("empty_object");
  w.begin_object();
  w.end_object();
  w.key("list");
  w.begin_array();
  w.value("a");
  w.begin_object();
  w.field("k", "v");
  w.end_object();
  w.end_array();
  w.key("raw");
  w.raw(nlohmann::json({{"x", {1, 2}}}).dump(2));
  w.end_object();
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["s"], "bin\xEF\xBF\xBD\x01\"\\");
  EXPECT_EQ(j["n"], 42);
  EXPECT_TRUE(j["empty_array"].is_array() && j["empty_array"].empty());
  EXPECT_TRUE(j["empty_object"].is_object() && j["empty_object"].empty());
  EXPECT_EQ(j["list"][1]["k"], "v");
  EXPECT_EQ(j["raw"]["x"][1], 2);
  // Laid out as nlohmann's dump(2) lays it out.
  EXPECT_EQ(out.substr(0, 2), "{\n");
  EXPECT_NE(out.find("\n  \"empty_array\": [],\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n  \"raw\": {\n    \"x\": [\n      1,"), std::string::npos) << out;
}

// The escaper skips plain ASCII eight bytes at a time: every byte that needs
// attention must be caught at every offset inside such a block, and next to
// multi-byte UTF-8.
TEST(JsonWriter, EscapesSpecialBytesAtEveryOffset) {
  const std::vector<std::string> specials = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x7f",
                                             "\xC3\xA9", "\xE2\x9C\x93", "\xF0\x9F\x90\xB3", "\xFF"};
  for (const auto& sp : specials)
    for (size_t before = 0; before < 20; ++before)
      for (size_t after : {0, 1, 7, 8, 9}) {
        std::string in = std::string(before, 'a') + sp + std::string(after, 'z');
        auto back = nlohmann::json::parse(as_json(in)).get<std::string>();
        std::string want = sp == "\xFF" ? std::string(before, 'a') + "\xEF\xBF\xBD" + std::string(after, 'z') : in;
        EXPECT_EQ(back, want) << "special " << nlohmann::json(sp == "\xFF" ? "0xFF" : sp).dump() << " after " << before;
      }
  // Two keys through the one-append path, then one that needs escaping.
  std::string out;
  JsonWriter w(out, 2);
  w.begin_object();
  w.field("plain_key", 1);
  w.key("quote\"key");
  w.value("v");
  w.end_object();
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["plain_key"], 1);
  EXPECT_EQ(j["quote\"key"], "v");
}

}  // namespace
}  // namespace dd::render
