#include "engine/image_store.h"

namespace dd::engine {
namespace {

std::string text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

EngineImageStore::EngineImageStore(Endpoint ep) : client_(std::move(ep), 10) {}

EngineImageStore::~EngineImageStore() {
  for (const auto& [ref, id] : probes_) {
    if (id.empty()) continue;
    try {
      client_.remove("/containers/" + id + "?force=1&v=1");
    } catch (const std::exception&) {
      // The engine went away: nothing more to do; the label names the leftover.
    }
  }
}

std::optional<LocalImage> EngineImageStore::find(const std::string& ref) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_locked(ref);
}

std::optional<LocalImage> EngineImageStore::find_locked(const std::string& ref) {
  if (auto it = found_.find(ref); it != found_.end()) return it->second;
  std::optional<LocalImage> image;
  try {
    if (auto j = client_.inspect_image(ref); j && j->is_object()) {
      image = LocalImage{};
      image->id = text(*j, "Id");
      image->platform = Platform::normalized(text(*j, "Os"), text(*j, "Architecture"), text(*j, "Variant"));
      if (auto c = j->find("Config"); c != j->end() && c->is_object()) {
        image->user = text(*c, "User");
        image->workdir = text(*c, "WorkingDir");
        if (auto h = c->find("Healthcheck"); h != c->end() && h->is_object()) {
          auto t = h->find("Test");
          image->healthcheck = t != h->end() && t->is_array() && !t->empty() && t->front() != "NONE";
        }
        if (auto env = c->find("Env"); env != c->end() && env->is_array())
          for (const auto& e : *env)
            if (e.is_string()) image->env.push_back(e.get<std::string>());
      }
    }
  } catch (const ApiError& e) {
    // 400: a reference the engine cannot parse; the parser's rules say why.
    if (e.status() != 400) throw;
  }
  found_[ref] = image;
  return image;
}

Platform EngineImageStore::host() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!host_) {
    auto v = client_.get_json("/version");
    host_ = Platform::normalized(text(v, "Os"), text(v, "Arch"), "");
  }
  return *host_;
}

const std::string& EngineImageStore::probe_locked(const std::string& ref) {
  if (auto it = probes_.find(ref); it != probes_.end()) return it->second;
  std::string id;
  if (auto image = find_locked(ref)) {
    nlohmann::json body = {
        {"Image", image->id},
        {"Entrypoint", {"/drydock-probe-never-started"}},
        {"Cmd", nlohmann::json::array()},
        {"Labels", {{"org.drydock.probe", ref}}},
        {"NetworkDisabled", true},
        {"HostConfig", {{"NetworkMode", "none"}}},
    };
    try {
      id = client_.post_json("/containers/create", body).value("Id", "");
    } catch (const ApiError&) {
      // An image the engine cannot make a container of: files stay unknown.
    }
  }
  return probes_[ref] = id;
}

std::optional<bool> EngineImageStore::has_path(const std::string& ref, const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  auto key = std::make_pair(ref, path);
  if (auto it = paths_.find(key); it != paths_.end()) return it->second;
  const std::string& id = probe_locked(ref);
  if (id.empty()) return std::nullopt;
  bool found = client_.stat_path(id, path).has_value();
  paths_[key] = found;
  return found;
}

std::optional<std::string> EngineImageStore::read_file(const std::string& ref, const std::string& path, size_t max) {
  std::lock_guard<std::mutex> lock(mu_);
  auto key = std::make_tuple(ref, path, max);
  if (auto it = files_.find(key); it != files_.end()) return it->second;
  const std::string& id = probe_locked(ref);
  if (id.empty()) return std::nullopt;
  return files_[key] = client_.read_file_start(id, path, max);
}

std::shared_ptr<ImageStore> local_image_store() {
  static std::shared_ptr<ImageStore> store = std::make_shared<EngineImageStore>();
  return store;
}

}  // namespace dd::engine
