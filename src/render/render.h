#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "render/json_writer.h"

namespace dd::render {

enum class Format { text, json, sarif, codeclimate, checkstyle, gnu, sonarqube };
// Also hadolint's names: tty (text) and gitlab_codeclimate (codeclimate).
std::optional<Format> parse_format(std::string_view s);
// Every name parse_format accepts.
const std::vector<std::string>& format_names();

struct Options {
  bool color = false;       // ANSI colours (text only)
  bool code_frames = true;  // show the offending source line (text only)
  // Applied to every text shown (source lines, evidence, messages, fixes) so
  // that no secret is ever printed, whatever rule produced the finding. The
  // CLI sets it to secrets::mask; renderers do not know how it works.
  std::function<std::string(std::string_view)> scrub;
  // Extra top-level keys for JSON (layers, packages, ...). Must be an object or null.
  nlohmann::json extra;
};

// Renderers know nothing of individual rules: they print Findings, and SARIF
// looks rule metadata up in the Registry by id.
void text(std::ostream& out, const std::vector<Finding>& findings, const Options& opt);
void json(std::ostream& out, const std::vector<Finding>& findings, const Options& opt);
void sarif(std::ostream& out, const std::vector<Finding>& findings, const Options& opt);
// GitLab Code Quality / Code Climate issues (a JSON array).
void codeclimate(std::ostream& out, const std::vector<Finding>& findings, const Options& opt);
// Checkstyle XML (Jenkins warnings-ng, reviewdog), findings grouped by file.
void checkstyle(std::ostream& out, const std::vector<Finding>& findings, const Options& opt);
// FILE:LINE:COLUMN: SEVERITY: MESSAGE [RULE], one line per finding (editors).
void gnu(std::ostream& out, const std::vector<Finding>& findings, const Options& opt);
// SonarQube's generic issue import format; findings with no file are left out.
void sonarqube(std::ostream& out, const std::vector<Finding>& findings, const Options& opt);
void write(Format f, std::ostream& out, const std::vector<Finding>& findings, const Options& opt);

// Findings rendered ahead of the report, one piece per input, on the thread
// that produced them (json and text). write_pieces joins pieces into exactly
// what write() prints for their findings concatenated in the same order.
struct Piece {
  std::string text;
  Summary summary;
  size_t count = 0;
};
bool has_pieces(Format f);
// A file's lines the caller already holds, for the text format's code
// frames: standard input ("-") cannot be read again.
struct Source {
  std::string file;
  const std::vector<std::string>* lines = nullptr;
};
Piece piece(Format f, const std::vector<Finding>& findings, const Options& opt, const Source* source = nullptr);
void write_pieces(Format f, std::ostream& out, const std::vector<Piece>& pieces, const Options& opt);

// The same report written as its pieces arrive, so that a long run never
// holds it whole: the opening is written by the constructor, each add()
// writes one piece, close() the summary and the end.
class PieceWriter {
 public:
  PieceWriter(Format f, std::ostream& out, const Options& opt);
  void add(const Piece& p);
  void close();
  const Summary& summary() const { return summary_; }

 private:
  Format format_;
  std::ostream& out_;
  const Options& opt_;
  std::string buf_;
  JsonWriter json_{buf_};
  Summary summary_;
  size_t count_ = 0;
};

// What a finding is in, for formats that need one name: its file, else the
// image (and path in it), the container or the Kubernetes resource.
std::string subject_of(const Location& l);

// The finding with opt.scrub applied to every text field.
Finding scrubbed(const Finding& f, const Options& opt);

// The JSON object of one finding, as in shared/spec/interface.md.
nlohmann::json to_json(const Finding& f);
nlohmann::json location_json(const Location& l);

// Should colour be used on stdout: a TTY and NO_COLOR unset.
bool want_color();

}  // namespace dd::render
