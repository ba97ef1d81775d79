// DD1023: COPY --from names no earlier stage.
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class CopyFromUndefined : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    std::vector<std::string> names;
    for (const auto& st : in.df.stages)
      if (!st.name.empty()) names.push_back(st.name);
    for (const auto& ins : in.df.instructions) {
      if (!in_build(ins)) continue;  // before the first FROM: DD1021 (DL3061) only
      if (ins.kind != Kw::COPY) continue;
      const Flag* from = ins.flag("from");
      if (!from || from->value.empty() || from->value.find('$') != std::string::npos) continue;
      const std::string& v = from->value;
      const Stage* st = util::stage_ref(in.df, v);
      std::string msg;
      if (st) {
        if (st->index <= ins.stage) continue;  // earlier stage, or its own (copy-from-self)
        msg = "COPY --from=" + v + " on line " + std::to_string(from->range.begin.line) + " names the stage defined later on line " +
              std::to_string(in.df.instructions[st->from_index].range.begin.line) + "; a stage can only copy from earlier stages";
      } else {
        if (v.find_first_of(":/.@") != std::string::npos) continue;  // an image reference
        bool digits = v.find_first_not_of("0123456789") == std::string::npos;
        std::string near = util::closest(util::lower(v), names);
        msg = "COPY --from=" + v + " on line " + std::to_string(from->range.begin.line) +
              (digits ? " names stage index " + v + ", which does not exist"
                      : " names no stage of this Dockerfile, so BuildKit pulls the image docker.io/library/" + v + ":latest") +
              (near.empty() ? std::string() : "; did you mean --from=" + near + "?");
      }
      Finding f = in.at(from->range, msg);
      f.root_cause = "The --from value does not match the AS name of an earlier stage.";
      std::string near = util::closest(util::lower(v), names);
      // Pasteable: the stage to define earlier, or the COPY with the name it
      // probably meant.
      if (near.empty()) f.root_cause += " Define an earlier stage with this name, or name an image: --from=<image>:<tag>.";
      std::string copy = line_text(in.df, ins.range.begin.line);
      if (size_t at = copy.find("--from=" + v); !near.empty() && at != std::string::npos)
        copy.replace(at, 7 + v.size(), "--from=" + near);
      f.fix = near.empty() ? "FROM <image> AS " + v : copy;
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1023",
      .name = "copy-from-undefined",
      .category = Category::image_pull,
      .severity = Severity::warning,
      .summary = "COPY --from names no earlier stage",
      .rationale = "A --from value that is not an earlier stage is pulled as an image from Docker Hub: a typo in a stage name fails with \"pull access denied\", or silently copies from an unrelated public image.",
      .fix = "COPY --from=build /app/dist /app",
      .aliases = {"DL3022"},
  });
};

DD_DOCKERFILE_RULE(CopyFromUndefined)

}  // namespace
}  // namespace dd::dockerfile
