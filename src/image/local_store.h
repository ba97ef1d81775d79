#pragma once
// The local engine's images for the Dockerfile rules that look at the real
// base (`drydock lint --local-images`: DD1142, DD2014, DD2040, DD2042, DD2050,
// DD2051, DD2072), read through the image walk: the first question about a
// base streams `docker://REF` (GET /images/{ref}/get) once through the walk
// with one small analyzer that keeps the files the rules read (/etc/passwd,
// /etc/group, os-release); the merged filesystem then answers every path
// question. No container is created and no request is made per file.
// find() and host() are the engine's (GET /images/{ref}/json, /version).
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/image_store.h"
#include "image/fs_view.h"

namespace dd::image {

class WalkImageStore : public ImageStore {
 public:
  // `engine` answers find() and host(); the walk answers the files.
  explicit WalkImageStore(std::shared_ptr<ImageStore> engine);
  std::optional<LocalImage> find(const std::string& ref) override;
  Platform host() override;
  std::optional<bool> has_path(const std::string& ref, const std::string& path) override;
  // Only the files the walk keeps (see kept_files()); nullopt for others.
  std::optional<std::string> read_file(const std::string& ref, const std::string& path, size_t max) override;
  // How many images were walked (tests: one walk per base, whatever is asked).
  size_t walks() const { return walks_; }

 private:
  // The merged filesystem of `ref`; nullptr when the engine does not hold
  // it or a layer could not be read whole (then every answer is unknown).
  std::shared_ptr<const FsView> view(const std::string& ref);

  std::shared_ptr<ImageStore> engine_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const FsView>> views_;
  size_t walks_ = 0;
};

// The globs of the files WalkImageStore keeps (each up to 1 MiB).
const std::vector<std::string>& kept_files();

// One store per process, shared by every file linted (created on first use).
std::shared_ptr<ImageStore> local_image_store();

}  // namespace dd::image
