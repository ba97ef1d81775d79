// DD1026: ADD used for local files.
#include "dockerfile/rules/pkg_util.h"

namespace dd::dockerfile {
namespace {

bool add_instead_of_copy_archive(std::string_view s) {
  for (std::string_view e : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma"})
    if (util::ends_with(util::lower(s), e)) return true;
  return false;
}
bool remote(std::string_view s) {
  return s.find("://") != std::string_view::npos || util::starts_with(s, "git@") || s.find('$') != std::string_view::npos;
}

class AddInsteadOfCopy : public Rule {
 public:
  const RuleInfo& info() const override { return info_; }
  void check(const LintInput& in, Report& out) const override {
    for (const auto& ins : in.df.instructions) {
      if (!in_build(ins)) continue;  // before the first FROM: DD1021 (DL3061) only
      if (ins.kind != Kw::ADD || !ins.heredocs.empty() || ins.args.size() < 2) continue;
      bool plain = true;
      for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
        std::string s = ins.args[i].text;
        if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'')) s = s.substr(1, s.size() - 2);
        if (remote(s) || add_instead_of_copy_archive(s) || s.find_first_of("*?[") != std::string::npos) plain = false;
      }
      if (!plain) continue;
      Finding f = in.at(ins.keyword_range, "ADD on line " + std::to_string(ins.range.begin.line) + " copies local files (" +
                                               ins.args.front().text + "); use COPY");
      f.root_cause = "ADD is used where COPY does the same without URL fetching or add_instead_of_copy_archive extraction.";
      f.fix = "COPY " + ins.args_text;
      if (!ins.flag("checksum") && !ins.flag("keep-git-dir")) in.propose({ins.keyword_range, "COPY"});
      out.add(info_, std::move(f));
    }
  }

 private:
  const RuleInfo& info_ = Rules::add({
      .id = "DD1026",
      .name = "add-instead-of-copy",
      .category = Category::best_practice,
      // hadolint says error; the build and the image work the same with ADD
      // of a plain file, so it is worth changing, not a failure.
      .severity = Severity::warning,
      .summary = "ADD used for local files",
      .rationale = "ADD also fetches URLs and unpacks archives; for plain files that magic is a surprise waiting to happen (a .tar.gz is extracted instead of copied). COPY says what it does.",
      .fix = "COPY app.py /app/",
      .aliases = {"DL3020", "DS005", "AVD-DS-0005"},
  });
};

DD_DOCKERFILE_RULE(AddInsteadOfCopy)

}  // namespace
}  // namespace dd::dockerfile
