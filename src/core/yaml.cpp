#include "core/yaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace dd::yaml {

namespace {

// Counts documents; more documents than bytes means the parser stopped
// consuming its input.
class DocumentGuard : public YAML::EventHandler {
 public:
  explicit DocumentGuard(size_t limit) : limit_(limit) {}
  void OnDocumentStart(const YAML::Mark& m) override {
    if (++docs_ > limit_)
      throw YAML::ParserException(m, "the YAML parser stops advancing here (unterminated flow or stray token)");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  size_t limit_;
  size_t docs_ = 0;
};

void guard(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentGuard g(text.size() + 1);
  while (parser.HandleNextDocument(g)) {
  }
}

// One printable line: yaml-cpp quotes the offending byte of binary input.
std::string one_line(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (c < 0x20 || c >= 0x7f) {
      char b[8];
      std::snprintf(b, sizeof b, "\\x%02x", c);
      out += b;
    } else {
      out += static_cast<char>(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::vector<YAML::Node> load_documents(const std::string& text) {
  guard(text);
  return YAML::LoadAll(text);
}

YAML::Node load_document(const std::string& text) {
  guard(text);
  return YAML::Load(text);
}

std::string malformed_message(const std::string& file, const YAML::Exception& e) {
  if (e.mark.is_null()) return file + ": malformed YAML: " + one_line(e.msg);
  return file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
         ": malformed YAML: " + one_line(e.msg);
}

YAML::Node load_file(const std::filesystem::path& path, std::string_view what, const std::string& display) {
  std::string shown = display.empty() ? path.string() : display;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(shown + ": cannot read " + std::string(what));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(shown + ": cannot read " + std::string(what));
  try {
    return load_document(ss.str());
  } catch (const YAML::Exception& e) {
    throw InputError(malformed_message(shown, e));
  }
}

}  // namespace dd::yaml
