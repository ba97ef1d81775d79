#pragma once
// The passwords of a PostgreSQL password file (~/.pgpass, PGPASSFILE):
// lines of host:port:database:user:password, the port a number or `*`
// ("\\:" is a colon inside a field). Only for a file known to be one: the
// line shape alone is too loose for every text, and as a Hyperscan row it
// cost 25 times the whole rule set. Placeholders are left out.
#include <string_view>
#include <vector>

#include "secrets/secrets.h"

namespace dd::secrets {

std::vector<SecretMatch> scan_pgpass(std::string_view text);

}  // namespace dd::secrets
