#pragma once
// Inline ignore pragmas in Dockerfile comments: `# drydock ignore=A,B` or
// hadolint's `# hadolint ignore=DL3008` for the next instruction, and
// `# drydock global ignore=A` for the whole file. Also BuildKit's `check`
// parser directive (`# check=skip=A,B;error=true;experimental=all`) and the
// table of BuildKit's build checks it names.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd::dockerfile {

struct IgnorePragma {
  bool global = false;
  // From `check=skip=`: the ids are BuildKit check names (case-sensitive),
  // "all" for every BuildKit check.
  bool buildkit = false;
  std::vector<std::string> ids;  // as written: drydock ids, peer aliases or SC codes
};

// The pragma a comment's text (without '#', trimmed) holds, if any. A
// `check=skip=A,B` comment that is not in the parser-directive position (where
// BuildKit ignores it) is read as drydock's per-instruction ignore of A and B.
std::optional<IgnorePragma> ignore_pragma(std::string_view comment);

// BuildKit's build checks (docs.docker.com/reference/build-checks/).
struct BuildkitCheck {
  std::string_view name;  // as BuildKit spells it; the directive is case-sensitive
  // BuildKit runs it only when `experimental=` names it (or all), and `skip=`
  // does not apply to it.
  bool experimental = false;
  // drydock's rule under this alias runs by default anyway, because it
  // reports more than the experimental check (DD3006: a COPY source that
  // fails the build); `skip=` applies to it as to a stable check.
  bool drydock_runs_by_default = false;
};
const std::vector<BuildkitCheck>& buildkit_checks();
const BuildkitCheck* buildkit_check(std::string_view name);

// The options of a `check` directive or of the BUILDKIT_DOCKERFILE_CHECK
// build argument: "skip=A,B;error=true;experimental=C" (up to three
// semicolon-separated parts, blanks around keys and values allowed).
struct CheckOptions {
  bool skip_all = false;
  std::vector<std::string> skip;
  bool error = false;
  bool experimental_all = false;
  std::vector<std::string> experimental;

  // Whether BuildKit reports the check under these options.
  bool runs(const BuildkitCheck& c) const;
};
// Throws std::invalid_argument with BuildKit's reason ("invalid check option
// \"x\"") when the text is not valid; an empty text is the defaults.
CheckOptions parse_check_options(std::string_view text);

}  // namespace dd::dockerfile
