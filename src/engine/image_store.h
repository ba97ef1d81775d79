#pragma once
// The local engine's image store as an ImageStore: GET /images/{ref}/json
// for each base image, asked once per run, and /version for the engine's
// platform. It does not look inside images: the files of a base image are
// read through the image walk (image/local_store.h), which wraps this store.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

#include "core/image_store.h"
#include "engine/client.h"

namespace dd::engine {

class EngineImageStore : public ImageStore {
 public:
  explicit EngineImageStore(Endpoint ep = endpoint_from_env());
  std::optional<LocalImage> find(const std::string& ref) override;
  Platform host() override;

 private:
  std::optional<LocalImage> find_locked(const std::string& ref);

  std::mutex mu_;
  Client client_;
  std::map<std::string, std::optional<LocalImage>> found_;
  std::optional<Platform> host_;
};

// One store per process, shared by every file linted (created on first use).
std::shared_ptr<ImageStore> local_image_store();

}  // namespace dd::engine
