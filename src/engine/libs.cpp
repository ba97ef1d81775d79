#include "engine/libs.h"

#include <dlfcn.h>

#include <string>

#include "core/error.h"

namespace dd::engine {
namespace {

void* open_lib(const char* soname, const char* package) {
  void* h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!h) throw InputError(std::string(soname) + " cannot be loaded (install the " + package + " package): " + dlerror());
  return h;
}

template <class F>
void bind(void* lib, const char* name, F& out) {
  void* p = dlsym(lib, name);
  if (!p) throw InputError(std::string("symbol ") + name + " missing from its library: " + dlerror());
  out = reinterpret_cast<F>(p);
}

}  // namespace

const CurlApi& curl() {
  static const CurlApi api = [] {
    void* l = open_lib("libcurl.so.4", "libcurl4");
    CurlApi a{};
    bind(l, "curl_global_init", a.global_init);
    bind(l, "curl_easy_init", a.easy_init);
    bind(l, "curl_easy_cleanup", a.easy_cleanup);
    bind(l, "curl_easy_setopt", a.easy_setopt);
    bind(l, "curl_easy_perform", a.easy_perform);
    bind(l, "curl_easy_getinfo", a.easy_getinfo);
    bind(l, "curl_easy_strerror", a.easy_strerror);
    bind(l, "curl_slist_append", a.slist_append);
    bind(l, "curl_slist_free_all", a.slist_free_all);
    a.global_init(CURL_GLOBAL_DEFAULT);
    return a;
  }();
  return api;
}

const ArchiveApi& archive() {
  static const ArchiveApi api = [] {
    void* l = open_lib("libarchive.so.13", "libarchive13");
    ArchiveApi a{};
    bind(l, "archive_read_new", a.read_new);
    bind(l, "archive_read_support_format_tar", a.read_support_format_tar);
    bind(l, "archive_read_open_memory", a.read_open_memory);
    bind(l, "archive_read_next_header", a.read_next_header);
    bind(l, "archive_read_data", a.read_data);
    bind(l, "archive_read_free", a.read_free);
    bind(l, "archive_entry_filetype", a.entry_filetype);
    return a;
  }();
  return api;
}

}  // namespace dd::engine
