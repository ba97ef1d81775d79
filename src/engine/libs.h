#pragma once
// libcurl and libarchive, loaded on first use with dlopen instead of at
// start-up. Linked normally, they and what they pull in (TLS, Kerberos, LDAP,
// ICU, libxml2) cost about 9 ms of dynamic linking on every run, and most
// commands (lint, rules, scan of a folder) never talk to the engine. The
// headers still give every type and constant; only the calls go through here.
#include <archive.h>
#include <archive_entry.h>
#include <curl/curl.h>

namespace dd::engine {

struct CurlApi {
  decltype(&curl_global_init) global_init;
  decltype(&curl_easy_init) easy_init;
  decltype(&curl_easy_cleanup) easy_cleanup;
  decltype(&curl_easy_setopt) easy_setopt;
  decltype(&curl_easy_perform) easy_perform;
  decltype(&curl_easy_getinfo) easy_getinfo;
  decltype(&curl_easy_strerror) easy_strerror;
  decltype(&curl_slist_append) slist_append;
  decltype(&curl_slist_free_all) slist_free_all;
};

struct ArchiveApi {
  decltype(&archive_read_new) read_new;
  decltype(&archive_read_support_format_tar) read_support_format_tar;
  decltype(&archive_read_open_memory) read_open_memory;
  decltype(&archive_read_next_header) read_next_header;
  decltype(&archive_read_data) read_data;
  decltype(&archive_read_free) read_free;
  decltype(&archive_entry_filetype) entry_filetype;
  // Writing (k8s preflight: files to copy into a container).
  decltype(&archive_write_new) write_new;
  decltype(&archive_write_set_format_pax_restricted) write_set_format_pax_restricted;
  decltype(&archive_write_open) write_open;
  decltype(&archive_write_header) write_header;
  decltype(&archive_write_data) write_data;
  decltype(&archive_write_close) write_close;
  decltype(&archive_write_free) write_free;
  decltype(&archive_entry_new) entry_new;
  decltype(&archive_entry_free) entry_free;
  decltype(&archive_entry_set_pathname) entry_set_pathname;
  decltype(&archive_entry_set_size) entry_set_size;
  decltype(&archive_entry_set_filetype) entry_set_filetype;
  decltype(&archive_entry_set_perm) entry_set_perm;
  decltype(&archive_entry_set_uid) entry_set_uid;
  decltype(&archive_entry_set_gid) entry_set_gid;
  decltype(&archive_entry_set_symlink) entry_set_symlink;
  decltype(&archive_entry_set_mtime) entry_set_mtime;
};

// Loaded once; throws EngineError naming the library when it is missing.
const CurlApi& curl();
const ArchiveApi& archive();

}  // namespace dd::engine
