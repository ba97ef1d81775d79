// DD5205: a write refused with "Read-only file system" under
// HostConfig.ReadonlyRootfs=true: the path needs a tmpfs (emptyDir).
#include <algorithm>
#include <cctype>

#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_readonly_tmpfs = Rules::add(
    "DD5205", "read-only-needs-tmpfs", Category::read_only_filesystem, Severity::error,
    "The app writes to a path of the read-only root filesystem",
    "With --read-only (readOnlyRootFilesystem) every path the app writes must be a tmpfs or a volume.",
    "docker run --read-only --tmpfs /path ...");

class ReadonlyTmpfs : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_readonly_tmpfs; }
  void check(Diagnosis& d) const override {
    const ContainerState& s = d.state;
    if (!s.readonly_rootfs) return;
    LogMatch* first = nullptr;
    std::vector<std::string> dirs;
    for (auto& m : d.matches) {
      if (m.consumed || m.sig->category != Category::read_only_filesystem) continue;
      if (!first) first = &m;
      if (!m.subject.empty() && m.subject[0] == '/') {
        std::string dir = writable_dir(m.subject);
        if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
      }
      m.consumed = true;
    }
    if (!first) return;
    if (dirs.empty()) dirs.push_back("/tmp");
    const auto& fn = s.fields;
    Finding f = d.at_line(kInfo_readonly_tmpfs.id, *first);
    f.evidence = fn.readonly_rootfs + "=true, " + d.where(*first->line) + ": " + clip(first->line->text);
    std::string list;
    for (const auto& dir : dirs) list += (list.empty() ? "" : ", ") + dir;
    f.message = "container " + s.label() + " runs with a read-only root filesystem and cannot write " +
                (first->subject.empty() ? list : first->subject);
    f.root_cause = "The root filesystem is read-only (" + fn.readonly_rootfs + "=true) and " + list +
                   " is neither a tmpfs nor a volume.";
    std::string flags, mounts, vols;
    int i = 0;
    for (const auto& dir : dirs) {
      // A volume name from the path (/app/.npm -> app-npm), as a DNS label.
      std::string name;
      for (char ch : dir) {
        char lc = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (std::isalnum(static_cast<unsigned char>(lc))) name += lc;
        else if (!name.empty() && name.back() != '-') name += '-';
      }
      while (!name.empty() && name.back() == '-') name.pop_back();
      if (name.size() > 50) name.resize(50);
      if (name.empty()) name = "writable";
      if (dirs.size() > 1 && vols.find("- name: " + name + "\n") != std::string::npos) name += "-" + std::to_string(i + 1);
      ++i;
      flags += " --tmpfs " + dir;
      mounts += "  - name: " + name + "\n    mountPath: " + dir + "\n";
      vols += "  - name: " + name + "\n    emptyDir: {}\n";
    }
    if (s.source == "k8s")  // a pod: only the YAML to paste
      f.fix = "# in container " + s.label() + ":\nvolumeMounts:\n" + mounts + "# in the pod spec:\nvolumes:\n" + vols;
    else
      f.fix = "docker run --read-only" + flags + " IMAGE\n# Kubernetes (container):\nvolumeMounts:\n" + mounts +
              "# Kubernetes (pod):\nvolumes:\n" + vols;
    while (!f.fix.empty() && f.fix.back() == '\n') f.fix.pop_back();
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(ReadonlyTmpfs)

}  // namespace
}  // namespace dd::runtime::rules
