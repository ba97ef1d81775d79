#include "engine/image_store.h"

namespace dd::engine {
namespace {

std::string text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

EngineImageStore::EngineImageStore(Endpoint ep) : client_(std::move(ep), 10) {}

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

std::shared_ptr<ImageStore> local_image_store() {
  static std::shared_ptr<ImageStore> store = std::make_shared<EngineImageStore>();
  return store;
}

}  // namespace dd::engine
