// DD1027: Archive copied and then extracted in a RUN.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool add_to_extract_archive(std::string_view s) {
  std::string l = util::lower(s);
  for (std::string_view e : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz"})
    if (util::ends_with(l, e)) return true;
  return false;
}

class AddToExtract : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (ins.kind != Kw::COPY || ins.flag("from") || ins.args.size() < 2 || !ins.heredocs.empty()) continue;
      for (size_t s = 0; s + 1 < ins.args.size(); ++s) {
        std::string src = ins.args[s].text;
        if (!add_to_extract_archive(src) || src.find('$') != std::string::npos) continue;
        std::string base(util::basename(src));
        const Cmd* hit = nullptr;
        std::vector<Cmd> cmds;
        for (const auto& later : in.df.instructions) {
          if (later.index <= ins.index || later.stage != ins.stage) continue;
          for (const auto& c : commands(in, later)) cmds.push_back(c);
        }
        for (const auto& c : cmds) {
          if (hit || c.name() != "tar"sv) continue;
          bool extract = util::has_opt(c, {"-x", "--extract", "--get"}) ||
                         (c.size() > c.prog + 1 && c.arg(c.prog + 1).find('x') != std::string_view::npos && c.arg(c.prog + 1)[0] != '-');
          bool names = false;
          for (size_t i = c.prog + 1; i < c.size(); ++i) names = names || util::basename(c.arg(i)) == base;
          if (extract && names) hit = &c;
        }
        if (!hit) continue;
        Range r = ins.args[s].range;
        Finding f = in.at(r, "COPY " + src + " on line " + std::to_string(r.begin.line) + " is extracted by tar on line " +
                                 std::to_string(hit->range(hit->prog).begin.line) +
                                 "; the add_to_extract_archive stays in the COPY layer. ADD extracts it in one step");
        f.root_cause = "The compressed add_to_extract_archive and its extracted files both ship, in two layers.";
        f.fix = "ADD " + src + " " + ins.args.back().text;
        out.add(info_, std::move(f));
      }
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1027",
      .name = "add-to-extract",
      .category = Category::image_bloat,
      .severity = Severity::info,
      .summary = "Archive copied and then extracted in a RUN",
      .rationale = "COPY app.tar.gz followed by RUN tar -x keeps the add_to_extract_archive in the COPY layer even when the RUN deletes it; ADD extracts local archives in one layer.",
      .fix = "ADD app.tar.gz /opt/app/",
      .aliases = {"DL3010"},
  });
};

DD_DOCKERFILE_RULE(AddToExtract)

}  // namespace
}  // namespace dd::dockerfile
