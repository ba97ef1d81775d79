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
    bind(l, "archive_write_new", a.write_new);
    bind(l, "archive_write_set_format_pax_restricted", a.write_set_format_pax_restricted);
    bind(l, "archive_write_open", a.write_open);
    bind(l, "archive_write_header", a.write_header);
    bind(l, "archive_write_data", a.write_data);
    bind(l, "archive_write_close", a.write_close);
    bind(l, "archive_write_free", a.write_free);
    bind(l, "archive_entry_new", a.entry_new);
    bind(l, "archive_entry_free", a.entry_free);
    bind(l, "archive_entry_set_pathname", a.entry_set_pathname);
    bind(l, "archive_entry_set_size", a.entry_set_size);
    bind(l, "archive_entry_set_filetype", a.entry_set_filetype);
    bind(l, "archive_entry_set_perm", a.entry_set_perm);
    bind(l, "archive_entry_set_uid", a.entry_set_uid);
    bind(l, "archive_entry_set_gid", a.entry_set_gid);
    bind(l, "archive_entry_set_symlink", a.entry_set_symlink);
    bind(l, "archive_entry_set_mtime", a.entry_set_mtime);
    return a;
  }();
  return api;
}

}  // namespace dd::engine
