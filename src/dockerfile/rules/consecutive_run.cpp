// DD1123: several consecutive RUN instructions that could be one layer.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool plain_run(const Instruction& ins) {
  return ins.kind == Kw::RUN && ins.flags.empty() && ins.heredocs.empty() && !ins.exec_form;
}

class ConsecutiveRun : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    const auto& all = in.df.instructions;
    size_t i = 0;
    while (i < all.size()) {
      if (!plain_run(all[i])) {
        ++i;
        continue;
      }
      size_t j = i + 1;
      while (j < all.size() && plain_run(all[j]) && all[j].stage == all[i].stage) ++j;
      if (j - i >= 2) {
        const auto& second = all[i + 1];
        int first_line = all[i].range.begin.line;
        int last_line = all[j - 1].range.begin.line;
        Finding f = in.at(second.keyword_range,
                          std::to_string(j - i) + " consecutive RUN instructions (lines " + std::to_string(first_line) + "-" +
                              std::to_string(last_line) + ") each add a layer; consider joining them with &&");
        f.root_cause = "Every RUN commits a layer; files created in one and removed in the next still ship.";
        // The whole joined RUN, pasteable: every command of every RUN, none cut.
        f.fix = "RUN " + all[i].args_text;
        for (size_t k = i + 1; k < j; ++k) f.fix += " \\\n    && " + all[k].args_text;
        out.add(info_, std::move(f));
      }
      i = j;
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1123",
      .name = "consecutive-run",
      .category = Category::image_bloat,
      .severity = Severity::info,
      .summary = "Consecutive RUN instructions",
      .rationale = "Each RUN is a layer: temporary files of one step that a later step deletes stay in the image, and many small layers slow pulls.",
      .fix = "Join related commands into one RUN with &&.",
      .aliases = {"DL3059"},
  });
};

DD_DOCKERFILE_RULE(ConsecutiveRun)

}  // namespace
}  // namespace dd::dockerfile
