#pragma once
// The local engine's image store as an ImageStore: GET /images/{ref}/json
// for each base image, asked once per run, and /version for the engine's
// platform. Files are looked at through a container created from the image
// and never started (label org.drydock.probe), removed at the end.
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
  ~EngineImageStore() override;
  std::optional<LocalImage> find(const std::string& ref) override;
  Platform host() override;
  // Through a container created (never started) from the image, removed
  // when the store goes.
  std::optional<bool> has_path(const std::string& ref, const std::string& path) override;
  std::optional<std::string> read_file(const std::string& ref, const std::string& path, size_t max) override;

 private:
  std::optional<LocalImage> find_locked(const std::string& ref);
  // The probe container of `ref`; "" when the engine does not hold the image.
  const std::string& probe_locked(const std::string& ref);

  std::mutex mu_;
  Client client_;
  std::map<std::string, std::optional<LocalImage>> found_;
  std::map<std::string, std::string> probes_;  // ref -> container id
  std::map<std::pair<std::string, std::string>, bool> paths_;
  std::map<std::tuple<std::string, std::string, size_t>, std::optional<std::string>> files_;
  std::optional<Platform> host_;
};

// One store per process, shared by every file linted (created on first use).
std::shared_ptr<ImageStore> local_image_store();

}  // namespace dd::engine
