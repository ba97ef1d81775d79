#pragma once
// A small in-memory merged filesystem for the binaries tests: the walk's own
// MergedFs, filled by hand (from synthetic entries or real host files).
#include <memory>
#include <string>

#include "image/elf/elf.h"
#include "image/walk.h"
#include "inv_util.h"

namespace dd::test::inv {

struct MemImage {
  dd::image::MergedFs fs;
  std::map<std::string, dd::image::elf::ElfInfo, std::less<>> elves;
  std::map<std::string, std::string, std::less<>> shebangs;
  dd::image::ImageConfig config;

  MemImage() { config.platform.arch = "amd64"; config.platform.os = "linux"; }

  void dirs(const std::string& path) {
    for (size_t s = path.find('/', 1); s != std::string::npos; s = path.find('/', s + 1)) {
      auto& n = fs.nodes[path.substr(0, s)];
      if (n.st.type != dd::image::FileType::symlink) {
        n.st.type = dd::image::FileType::dir;
        n.st.mode = 0755;
      }
    }
  }
  void file(const std::string& path, const std::string& content, uint32_t mode = 0755) {
    dirs(path);
    auto& n = fs.nodes[path];
    n.st.type = dd::image::FileType::regular;
    n.st.mode = mode;
    n.st.size = content.size();
    n.st.layer = 0;
    n.content = std::make_shared<const std::string>(content);
    if (content.starts_with("\x7f" "ELF")) elves[path] = dd::image::elf::parse(content);
    if (content.starts_with("#!")) {
      std::string line = content.substr(2, content.find('\n') - 2);
      shebangs[path] = line.substr(line.find_first_not_of(' '));
    }
  }
  // A real file of this host, at `image_path` in the image.
  void host(const std::string& host_path, const std::string& image_path, uint32_t mode = 0755) {
    file(image_path, slurp(host_path), mode);
  }
  void hardlink(const std::string& path, const std::string& target) {
    dirs(path);
    auto& n = fs.nodes[path];
    n.st.type = dd::image::FileType::hardlink;
    n.st.link_target = target;
    n.st.mode = 0755;
  }
  void link(const std::string& path, const std::string& target) {
    dirs(path);
    auto& n = fs.nodes[path];
    n.st.type = dd::image::FileType::symlink;
    n.st.link_target = target;
    n.st.mode = 0777;
  }
};

}  // namespace dd::test::inv
