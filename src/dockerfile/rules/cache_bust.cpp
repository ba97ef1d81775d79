// DD2003: a value that changes on every build (date, commit, cache-bust
// counter) is declared before heavy RUN steps and invalidates them all.
#include <cctype>

#include "dockerfile/rule.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/variables.h"
#include "dockerfile/command.h"
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "dockerfile/stages.h"
#include "knowledge/packages.h"

namespace dd::dockerfile {
namespace {

const std::vector<std::string_view> kBusterNames{
    "BUILD_DATE", "BUILDDATE",  "BUILD_TIME", "BUILD_TIMESTAMP", "CACHEBUST",  "CACHE_BUST", "CACHEBUSTER",
    "GIT_COMMIT", "GIT_SHA",    "GIT_REV",    "GIT_REVISION",    "COMMIT_SHA", "COMMIT",     "SOURCE_COMMIT",
    "VCS_REF",    "BUILD_NUMBER", "BUILD_ID", "TIMESTAMP",       "REVISION",   "SHA",        "CI_COMMIT_SHA",
    "GITHUB_SHA", "BUILD_VERSION"};

bool buster_name(std::string_view name) {
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::toupper(static_cast<unsigned char>(a[i])) != b[i]) return false;
    return true;
  };
  for (auto b : kBusterNames)
    if (same(name, b)) return true;
  return false;
}

bool digits(std::string_view v, size_t at, size_t n) {
  if (at + n > v.size()) return false;
  for (size_t i = at; i < at + n; ++i)
    if (v[i] < '0' || v[i] > '9') return false;
  return true;
}

// A literal that changes per build: a date (2024-05-01, optionally with a
// time: "2024-05-01T10:00...") or a commit hash (7 to 40 lower-case hex digits).
bool buster_value(std::string_view v) {
  if (v.size() > 64) return false;
  bool date = digits(v, 0, 4) && v.size() >= 10 && v[4] == '-' && digits(v, 5, 2) && v[7] == '-' && digits(v, 8, 2) &&
              (v.size() == 10 || (v.size() >= 16 && (v[10] == 'T' || v[10] == ' ') && digits(v, 11, 2) &&
                                  v[13] == ':' && digits(v, 14, 2)));
  if (date) return true;
  if (v.size() < 7 || v.size() > 40) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A default that pins something: a commit hash or a version number.
bool pinned(std::string_view v) {
  if (v.empty() || v.find('$') != std::string_view::npos) return false;
  if (buster_value(v) && !digits(v, 0, 4)) return true;  // a hex commit, not a date
  bool version = v.find('.') != std::string_view::npos || std::all_of(v.begin(), v.end(), ::isdigit);
  for (char c : v)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'v' && c != '-') version = false;
  return version;
}

// A RUN worth caching: installs packages or dependencies, builds, downloads.
bool heavy(const LintInput& in, const Instruction& ins) {
  for (const auto& c : instruction_commands(in, ins)) {
    size_t p = c.exe;
    if (p >= c.argv.size()) continue;
    std::string_view prog = text::basename(c.argv[p]);
    if (dd::kb::package_command(c.argv, p) || kb::install_ecosystem(c.argv) || prog == "make"sv || prog == "cmake"sv ||
        prog == "curl"sv || prog == "wget"sv || prog == "git"sv)
      return true;
  }
  return false;
}

class CacheBust : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& st : in.df.stages) {
      const Instruction* buster = nullptr;
      const KeyValue* kv = nullptr;
      for (const Instruction* ins : stage_instructions(in.df, st)) {
        if (!buster && (ins->kind == Kw::ARG || ins->kind == Kw::ENV)) {
          for (const auto& p : ins->pairs) {
            bool from_arg = ins->kind == Kw::ENV && p.value.find('$') != std::string::npos &&
                            std::any_of(kBusterNames.begin(), kBusterNames.end(),
                                        [&](auto b) { return inc::find_var(p.value, b) != std::string::npos; });
            // A literal in the file is fixed: it changes only when someone
            // edits the line (a pinned commit SHA in ENV is a version). Only
            // a build argument (or an ENV made of one) changes per build,
            // and an ARG whose default pins a commit or version is a pin too.
            bool arg_buster = ins->kind == Kw::ARG && buster_name(p.key) && !(p.has_value && pinned(p.value));
            if (arg_buster || from_arg) {
              buster = ins;
              kv = &p;
              break;
            }
          }
          continue;
        }
        if (!buster || ins->kind != Kw::RUN || !heavy(in, *ins)) continue;
        std::string what = buster->keyword + " " + kv->key;
        Finding f = in.at(kv->key_range,
                          what + " on line " + std::to_string(buster->range.begin.line) +
                              " changes on every build and invalidates the cache of RUN on line " +
                              std::to_string(ins->range.begin.line) + " and every step after it",
                          inc::safe(line_text(in.df, buster->range.begin.line)));
        f.root_cause = "Every RUN after an ARG or ENV whose value changes sees a different environment, so none of "
                       "them can be reused from cache.";
        f.fix = "Move `" + what + "` (and the LABEL that uses it) after the heavy RUN steps, at the end of the stage";
        out.add(info_, std::move(f));
        break;
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD2003",
      .name = "cache-busting-variable",
      .category = Category::slow_build,
      .severity = Severity::warning,
      .summary = "Per-build value declared before heavy steps",
      .rationale = "An ARG BUILD_DATE or ENV GIT_COMMIT near the top changes each build and re-runs every install "
                   "after it: no layer is ever reused.",
      .fix = "Declare ARG BUILD_DATE / ARG GIT_COMMIT at the end of the stage, just before the LABEL that uses them",
      .tags = {"cache"},
  });
};

DD_DOCKERFILE_RULE(CacheBust)

}  // namespace
}  // namespace dd::dockerfile
