// DD1126: both wget and curl used in one stage.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

class WgetAndCurl : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& st : in.df.stages) {
      const Cmd* wget = nullptr;
      const Cmd* curl = nullptr;
      std::vector<Cmd> keep;
      for (size_t idx : st.instructions) {
        if (idx >= in.df.instructions.size()) continue;
        for (const auto& c : commands(in, in.df.instructions[idx])) keep.push_back(c);
      }
      for (const auto& c : keep) {
        if (!wget && c.name() == "wget"sv) wget = &c;
        if (!curl && c.name() == "curl"sv) curl = &c;
      }
      if (!wget || !curl) continue;
      const Cmd* later = wget->ins->index > curl->ins->index ? wget : curl;
      const Cmd* earlier = later == wget ? curl : wget;
      Range r = later->range(later->prog);
      Finding f = in.at(r, std::string(later->name()) + " on line " + std::to_string(r.begin.line) + " and " +
                               std::string(earlier->name()) + " on line " + std::to_string(earlier->range(earlier->prog).begin.line) +
                               " both download files in this stage; one tool is enough",
                        util::text_of(in.df, later->whole()));
      f.root_cause = "Two download tools means two packages and their libraries in the image for the same job.";
      f.fix = "use " + std::string(earlier->name()) + " for every download of the stage";
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1126",
      .name = "wget-and-curl",
      .category = Category::image_bloat,
      .severity = Severity::info,
      .summary = "Both wget and curl used",
      .rationale = "Installing two download tools adds packages and attack surface for no gain.",
      .fix = "Pick one of curl or wget.",
      .aliases = {"DL4001", "DS014", "AVD-DS-0014"},
  });
};

DD_DOCKERFILE_RULE(WgetAndCurl)

}  // namespace
}  // namespace dd::dockerfile
