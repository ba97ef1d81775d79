// DD1162: COPY --from=X / / copies a whole filesystem over the stage's own
// (hadolint DL3067).
#include "dockerfile/rule.h"
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

// "/", "/.", "//", "\"/\"": every part of the path is empty, . or ..
bool is_root(std::string_view p) {
  if (p.size() >= 2 && (p.front() == '"' || p.front() == '\'') && p.back() == p.front()) p = p.substr(1, p.size() - 2);
  if (p.empty() || p.front() != '/') return false;
  size_t at = 0;
  while (at <= p.size()) {
    size_t slash = p.find('/', at);
    std::string_view part = p.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
    if (!part.empty() && part != "."sv && part != ".."sv) return false;
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  return true;
}

class CopyWholeFilesystem : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::COPY || !in_build(ins) || ins.args.size() < 2 || !ins.heredocs.empty()) continue;
      const Flag* from = ins.flag("from");
      if (!from || from->value.empty()) continue;
      if (!is_root(ins.args.back().text)) continue;
      bool whole = false;
      for (size_t i = 0; i + 1 < ins.args.size(); ++i) whole = whole || is_root(ins.args[i].text);
      if (!whole) continue;
      // Only a stage of this file built on an OS image: an image named in
      // --from (tonistiigi/xx, a docker CLI image) or a stage FROM scratch is
      // usually made to be copied whole, and holds no /etc to overwrite.
      const Stage* src = util::stage_ref(in.df, from->value);
      if (!src || rooted_in_scratch(in.df, src->index)) continue;
      // FROM scratch + COPY --from=X / / is the squash idiom: there is no
      // filesystem to overwrite.
      if (rooted_in_scratch(in.df, ins.stage) && first_content(in, ins)) continue;
      Finding f = in.at(ins.args.front().range,
                        "COPY --from=" + from->value + " / / on line " + std::to_string(ins.range.begin.line) +
                            " copies the whole filesystem of " + from->value +
                            " over this stage's: its /etc/passwd, package database, CA certificates and build tools "
                            "replace the base image's");
      f.root_cause = "Copying / takes every file of the other image, not only the artifact the stage needs.";
      // Pasteable: the remark is a comment line, never words of the COPY.
      f.fix = "# only what the stage needs\nCOPY --from=" + from->value + " /app/dist /app/dist";
      out.add(info_, std::move(f));
    }
  }

 private:
  // True when nothing before `ins` in its stage put files in it.
  static bool first_content(const LintInput& in, const Instruction& ins) {
    if (ins.stage < 0 || ins.stage >= static_cast<int>(in.df.stages.size())) return false;
    const Stage& st = in.df.stages[ins.stage];
    if (st.base_stage) return false;  // FROM <stage> that is itself FROM scratch: its files are there
    for (const Instruction* i : stage_instructions(in.df, st)) {
      if (i == &ins) return true;
      if (i->kind == Kw::COPY || i->kind == Kw::ADD || i->kind == Kw::RUN) return false;
    }
    return true;
  }

  const RuleInfo& info_ = Rules::add({
      .id = "DD1162",
      .name = "copy-whole-filesystem",
      .category = Category::image_bloat,
      .severity = Severity::warning,
      .summary = "COPY --from copies a whole filesystem",
      .rationale = "COPY --from=build / / puts the build stage's compilers, caches and /etc over the runtime image: "
                   "the image grows and its users, certificates and package database are silently replaced.",
      .fix = "COPY --from=build /app/dist /app/dist",
      .aliases = {"DL3067"},
  });
};

DD_DOCKERFILE_RULE(CopyWholeFilesystem)

}  // namespace
}  // namespace dd::dockerfile
