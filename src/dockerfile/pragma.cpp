#include "dockerfile/pragma.h"

#include <algorithm>
#include <stdexcept>

#include "core/text.h"

namespace dd::dockerfile {
namespace {

using text::trim;

void skip_blanks(std::string_view& t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
}

// "A, B ,C D": ids separated by commas, blanks allowed around them; the list
// ends at a blank not followed by a comma (as hadolint reads it).
std::vector<std::string> split_ids(std::string_view t) {
  std::vector<std::string> out;
  while (true) {
    skip_blanks(t);
    size_t n = 0;
    while (n < t.size() && t[n] != ',' && t[n] != ' ' && t[n] != '\t') ++n;
    if (n) out.emplace_back(t.substr(0, n));
    t.remove_prefix(n);
    skip_blanks(t);
    if (t.empty() || t.front() != ',') return out;
    t.remove_prefix(1);
  }
}

// "A, B": BuildKit splits at commas and trims each name.
std::vector<std::string> csv(std::string_view t) {
  std::vector<std::string> out;
  while (true) {
    size_t c = t.find(',');
    std::string_view part = trim(t.substr(0, c));
    if (!part.empty()) out.emplace_back(part);
    if (c == std::string_view::npos) return out;
    t.remove_prefix(c + 1);
  }
}

// Go's strconv.ParseBool, which BuildKit uses for error=.
std::optional<bool> parse_bool(std::string_view v) {
  for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"})
    if (v == t) return true;
  for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"})
    if (v == f) return false;
  return std::nullopt;
}

// `check=skip=A,B` outside the directive position: drydock's per-instruction
// form (BuildKit has none, moby/buildkit#6167).
std::optional<IgnorePragma> check_pragma(std::string_view t) {
  if (!t.starts_with("check")) return std::nullopt;
  t.remove_prefix(5);
  skip_blanks(t);
  if (!t.starts_with('=')) return std::nullopt;
  t.remove_prefix(1);
  CheckOptions o;
  try {
    o = parse_check_options(t);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  if (!o.skip_all && o.skip.empty()) return std::nullopt;
  IgnorePragma p;
  p.buildkit = true;
  p.ids = o.skip_all ? std::vector<std::string>{"all"} : o.skip;
  return p;
}

}  // namespace

const std::vector<BuildkitCheck>& buildkit_checks() {
  static const std::vector<BuildkitCheck> table = {
      {"ConsistentInstructionCasing"},
      {"CopyIgnoredFile", true, true},
      {"DuplicateStageName"},
      {"ExposeInvalidFormat"},
      {"ExposeProtoCasing"},
      {"FromAsCasing"},
      {"FromPlatformFlagConstDisallowed"},
      {"InvalidBaseImagePlatform"},
      {"InvalidDefaultArgInFrom"},
      {"InvalidDefinitionDescription", true},
      {"JSONArgsRecommended"},
      {"LegacyKeyValueFormat"},
      {"MaintainerDeprecated"},
      {"MultipleInstructionsDisallowed"},
      {"NoEmptyContinuation"},
      {"RedundantTargetPlatform"},
      {"ReservedStageName"},
      {"SecretsUsedInArgOrEnv"},
      {"StageNameCasing"},
      {"UndefinedArgInFrom"},
      {"UndefinedVar"},
      {"WorkdirRelativePath"},
  };
  return table;
}

const BuildkitCheck* buildkit_check(std::string_view name) {
  const auto& t = buildkit_checks();
  auto it = std::find_if(t.begin(), t.end(), [&](const BuildkitCheck& c) { return c.name == name; });
  return it == t.end() ? nullptr : &*it;
}

bool CheckOptions::runs(const BuildkitCheck& c) const {
  auto named = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), c.name) != v.end(); };
  if (c.experimental && !c.drydock_runs_by_default) return experimental_all || named(experimental);
  return !skip_all && !named(skip);
}

CheckOptions parse_check_options(std::string_view text) {
  CheckOptions o;
  text = trim(text);
  if (text.empty()) return o;
  while (true) {
    size_t semi = text.find(';');
    std::string_view part = text.substr(0, semi);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) throw std::invalid_argument("invalid check option \"" + std::string(part) + "\"");
    std::string_view key = trim(part.substr(0, eq)), value = trim(part.substr(eq + 1));
    if (key == "skip") {
      if (value == "all") o.skip_all = true;
      else o.skip = csv(value);
    } else if (key == "experimental") {
      if (value == "all") o.experimental_all = true;
      else o.experimental = csv(value);
    } else if (key == "error") {
      auto b = parse_bool(value);
      if (!b) throw std::invalid_argument("failed to parse check option \"" + std::string(part) + "\": error= takes true or false");
      o.error = *b;
    } else {
      throw std::invalid_argument("invalid check option \"" + std::string(key) + "\"");
    }
    if (semi == std::string_view::npos) return o;
    text.remove_prefix(semi + 1);
  }
}

std::optional<IgnorePragma> ignore_pragma(std::string_view t) {
  if (auto c = check_pragma(t)) return c;
  if (t.starts_with("drydock"))
    t.remove_prefix(7);
  else if (t.starts_with("hadolint"))
    t.remove_prefix(8);
  else
    return std::nullopt;
  if (t.empty() || (t.front() != ' ' && t.front() != '\t')) return std::nullopt;  // "drydocker", "hadolint:"
  skip_blanks(t);
  IgnorePragma p;
  if (t.starts_with("global")) {
    p.global = true;
    t.remove_prefix(6);
    skip_blanks(t);
  }
  if (!t.starts_with("ignore")) return std::nullopt;
  t.remove_prefix(6);
  skip_blanks(t);
  if (!t.starts_with('=')) return std::nullopt;
  t.remove_prefix(1);
  p.ids = split_ids(t);
  return p;
}

}  // namespace dd::dockerfile
