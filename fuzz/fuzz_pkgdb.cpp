// libFuzzer target: every package database parser (dpkg, apk, rpm header and
// sqlite, Python metadata, package.json, MANIFEST.MF, pom.properties,
// os-release, Debian copyright) and the streaming jar reader must never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "image/packages/parsers.h"
#include "image/packages/zip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dd::image::packages;
  if (size < 1) return 0;
  std::string_view s(reinterpret_cast<const char*>(data + 1), size - 1);
  Package p;
  Distro d = parse_os_release(s);
  switch (data[0] % 11) {
    case 0: for (auto& x : parse_dpkg_status(s)) set_purl(x, d); break;
    case 1: for (auto& x : parse_apk_installed(s)) set_purl(x, d); break;
    case 2: (void)parse_rpm_header(s, p); break;
    case 3: (void)parse_rpmdb_sqlite(s); break;
    case 4: if (parse_python_metadata(s, p)) set_purl(p, d); break;
    case 5: if (parse_npm_package_json(s, p)) set_purl(p, d); break;
    case 6: (void)parse_jar_manifest(s, p); break;
    case 7: (void)parse_pom_properties(s, p); break;
    case 8: (void)is_npm_manifest_path(s); break;
    case 9: (void)parse_debian_copyright(s); break;
    default: {
      JarScanner z;
      size_t chunk = 1 + (size % 61);
      for (size_t o = 0; o < s.size(); o += chunk)
        if (!z.feed(s.substr(o, chunk))) break;
      for (auto& x : z.finish()) set_purl(x, d);
    }
  }
  return 0;
}
