#pragma once
// An engine on linux/amd64 with a few images and their files, for the rules
// that look at the real base image (--local-images).
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/image_store.h"

namespace dd::test {

class FakeImageStore : public ImageStore {
 public:
  struct Image {
    LocalImage image;
    std::map<std::string, std::string> files;  // path -> content
  };
  std::map<std::string, Image> images;
  std::vector<std::string> asked;

  std::optional<LocalImage> find(const std::string& ref) override {
    asked.push_back(ref);
    auto it = images.find(ref);
    if (it == images.end()) return std::nullopt;
    return it->second.image;
  }
  Platform host() override { return {"linux", "amd64", ""}; }
  std::optional<bool> has_path(const std::string& ref, const std::string& path) override {
    auto it = images.find(ref);
    if (it == images.end()) return std::nullopt;
    return it->second.files.count(path) > 0;
  }
  std::optional<std::string> read_file(const std::string& ref, const std::string& path, size_t max) override {
    auto it = images.find(ref);
    if (it == images.end() || !it->second.files.count(path)) return std::nullopt;
    return it->second.files.at(path).substr(0, max);
  }
};

// A Config whose image store is `store`.
inline Config with_store(const std::shared_ptr<FakeImageStore>& store) {
  Config c;
  c.images = store;
  return c;
}

}  // namespace dd::test
