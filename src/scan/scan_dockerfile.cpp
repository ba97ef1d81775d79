// The Dockerfile scanner: lint each Dockerfile with its build context.
#include "lint/discover.h"
#include "lint/lint.h"
#include "scan/scan.h"

namespace dd::scan {
namespace {

void scan_dockerfile(const Input& in, const Config& config, std::vector<Finding>& out) {
  lint::Options opt;
  opt.context_dir = in.context;
  opt.display_path = in.path.string();
  auto res = lint::lint_file(in.path, opt, config);
  out.insert(out.end(), std::make_move_iterator(res.findings.begin()), std::make_move_iterator(res.findings.end()));
}

DetectorRegistrar detector{{.kind = Kind(kDockerfile),
                             .order = 10,
                             .by_name = [](std::string_view name) { return lint::is_dockerfile_name(name); },
                             .by_content = nullptr,
                             .build_context = true}};
ScannerRegistrar reg{{"dockerfile", Kind(kDockerfile), scan_dockerfile}};

}  // namespace
}  // namespace dd::scan
