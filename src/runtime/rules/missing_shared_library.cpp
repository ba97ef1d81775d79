// DD5209: "error while loading shared libraries: X": names the library and
// the package that provides it.
#include <cstring>

#include "runtime/rules/common.h"

namespace dd::runtime::rules {
namespace {

const RuleInfo& kInfo_missing_shared_library = Rules::add(
    "DD5209", "missing-shared-library", Category::missing_dependency, Severity::error, "A shared library is missing from the image",
    "Multi-stage builds often copy a binary without the libraries it links against; it then fails at every start.",
    "RUN apt-get update && apt-get install -y --no-install-recommends PACKAGE");

struct Lib {
  const char* prefix;  // soname prefix
  const char* debian;
  const char* alpine;
};

const Lib kLibs[] = {
    {"libssl.so.3", "libssl3", "libssl3"},         {"libcrypto.so.3", "libssl3", "libcrypto3"},
    {"libssl.so.1.1", "libssl1.1", "libssl1.1"},  {"libcrypto.so.1.1", "libssl1.1", "libcrypto1.1"},
    {"libpq.so", "libpq5", "libpq"},              {"libstdc++.so", "libstdc++6", "libstdc++"},
    {"libgcc_s.so", "libgcc-s1", "libgcc"},       {"libz.so", "zlib1g", "zlib"},
    {"libselinux.so", "libselinux1", "libselinux"}, {"libpcre2-8.so", "libpcre2-8-0", "pcre2"},
    {"libffi.so", "libffi8", "libffi"},           {"libGL.so", "libgl1", "mesa-gl"},
    {"libglib-2.0.so", "libglib2.0-0", "glib"},   {"libxml2.so", "libxml2", "libxml2"},
    {"libsqlite3.so", "libsqlite3-0", "sqlite-libs"}, {"libcurl.so", "libcurl4", "libcurl"},
    {"libyaml-0.so", "libyaml-0-2", "yaml"},      {"libmysqlclient.so", "libmysqlclient21", "mariadb-connector-c"},
    {"libmariadb.so", "libmariadb3", "mariadb-connector-c"}, {"libjpeg.so", "libjpeg62-turbo", "libjpeg-turbo"},
    {"libpng16.so", "libpng16-16", "libpng"},     {"libicuuc.so", "libicu72", "icu-libs"},
    {"libuuid.so", "libuuid1", "libuuid"},        {"libexpat.so", "libexpat1", "expat"},
    {"libbz2.so", "libbz2-1.0", "libbz2"},        {"liblzma.so", "liblzma5", "xz-libs"},
    {"libzstd.so", "libzstd1", "zstd-libs"},      {"libreadline.so", "libreadline8", "readline"},
    {"libncursesw.so", "libncursesw6", "ncurses-libs"}, {"libgomp.so", "libgomp1", "libgomp"},
    {"libatomic.so", "libatomic1", "libatomic"},  {"libcap.so", "libcap2", "libcap"},
    {"libseccomp.so", "libseccomp2", "libseccomp"}, {"libnss3.so", "libnss3", "nss"},
    {"libX11.so", "libx11-6", "libx11"},          {"libfontconfig.so", "libfontconfig1", "fontconfig"},
    {"libfreetype.so", "libfreetype6", "freetype"}, {"libgssapi_krb5.so", "libgssapi-krb5-2", "krb5-libs"},
};

class MissingSharedLibrary : public JoinedRule {
 public:
  const RuleInfo& info() const override { return kInfo_missing_shared_library; }
  void check(Diagnosis& d) const override {
    LogMatch* m = d.match_id("shared-library-missing");
    if (!m || m->subject.empty()) return;
    const std::string& lib = m->subject;
    const Lib* known = nullptr;
    for (const auto& l : kLibs)
      if (lib.compare(0, std::strlen(l.prefix), l.prefix) == 0) known = &l;
    Finding f = d.at_line(kInfo_missing_shared_library.id, *m);
    f.message = "shared library " + lib + " is not in the image" +
                (known ? std::string(" (Debian package ") + known->debian + ", Alpine " + known->alpine + ")" : "");
    f.root_cause = "The program is dynamically linked against " + lib + ", which the runtime image does not contain.";
    if (known)
      f.fix = std::string("RUN apt-get update && apt-get install -y --no-install-recommends ") + known->debian +
              "\n# Alpine: RUN apk add --no-cache " + known->alpine;
    else
      f.fix = "RUN apt-get update && apt-get install -y --no-install-recommends $(apt-file search -l " + lib +
              ")\n# or copy it from the build stage: COPY --from=build /usr/lib/x86_64-linux-gnu/" + lib + " /usr/lib/x86_64-linux-gnu/";
    f.tags = {"glibc"};
    m->consumed = true;
    d.exit_explained = true;
    d.add(std::move(f));
  }
};

DD_RUNTIME_RULE(MissingSharedLibrary)

}  // namespace
}  // namespace dd::runtime::rules
