#!/usr/bin/env bash
# Writes Squid's dstdomain ACL for one UT1 category from the UT1 archive, on stdout:
#   bench/compare/squid-acl.sh ARCHIVE [CATEGORY]      (default category: gambling)
# UT1 (SquidGuard) semantics: an entry blocks the name and its subdomains. For Squid that is a
# leading dot (.example.com). Squid refuses an entry that is a subdomain of another entry, so
# those are dropped: the parent already covers them. IP addresses stay without the dot.
# Comments, blank lines, CRLF and upper case are cleaned up, as CampusGate's importer does.
set -euo pipefail
archive=${1:?usage: squid-acl.sh ARCHIVE [CATEGORY]}
category=${2:-gambling}
tar -xzOf "$archive" "blacklists/$category/domains" |
  tr -d '\r' | tr 'A-Z' 'a-z' |
  sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's/^\.*//' -e 's/\.*$//' |
  awk 'NF { names[$0] = 1 }
       END {
         for (n in names) {
           covered = 0
           if (n !~ /^[0-9.]+$/) {
             rest = n
             while ((i = index(rest, ".")) > 0) {
               rest = substr(rest, i + 1)
               if (rest in names) { covered = 1; break }
             }
           }
           if (!covered) print (n ~ /^[0-9.]+$/ ? n : "." n)
         }
       }' |
  LC_ALL=C sort
