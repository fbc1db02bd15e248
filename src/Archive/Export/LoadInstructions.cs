using System.Globalization;

namespace Archive.Export;

/// <summary>
/// The load.sh script and the README.md an export ships with: how to create the index and post the bulk files with
/// curl alone. Both name the files and the index of this export, so they work as written. Line ends are '\n'
/// whatever the checkout of this source file uses, so the script runs and the export is the same on every platform.
/// </summary>
internal static class LoadInstructions
{
    public static string Script(string index, IReadOnlyList<string> bulkFiles, int reports)
    {
        var files = string.Join(' ', bulkFiles);
        return $$"""
            #!/usr/bin/env bash
            # Loads this export into OpenSearch 2.x or Elasticsearch 8.x: creates the index {{index}} from mapping.json,
            # then posts every bulk file to _bulk and stops at the first document the cluster refuses.
            #   OPENSEARCH_URL=https://search.example.org:9200 ./load.sh -u admin:secret --cacert ca.pem
            # OPENSEARCH_URL defaults to http://localhost:9200; arguments are passed on to every curl call.
            # MAPPING=mapping-smartcn.json adds word-segmented sub-fields (needs the analysis-smartcn plugin on every node).
            # Written by 'archive export'.
            set -euo pipefail
            cd "$(dirname "$0")"
            url="${OPENSEARCH_URL:-http://localhost:9200}"
            url="${url%/}"
            mapping="${MAPPING:-mapping.json}"
            index={{index}}
            curl_args=("$@")

            # METHOD PATH CONTENT-TYPE FILE: prints the answer. curl exits 0 on an HTTP error status, so check it here.
            send() {
              local answer status
              answer=$(curl -sS -w '\n%{http_code}' -X "$1" "$url$2" -H "Content-Type: $3" --data-binary "@$4" ${curl_args[@]+"${curl_args[@]}"})
              status=${answer##*$'\n'}
              answer=${answer%$'\n'*}
              if [ "$status" -lt 200 ] || [ "$status" -ge 300 ]; then
                echo "$1 $url$2: HTTP $status $answer" >&2
                exit 1
              fi
              printf '%s\n' "$answer"
            }

            send PUT "/$index" application/json "$mapping" > /dev/null
            echo "created index $index from $mapping"
            for file in {{files}}; do
              # _bulk answers 200 even when documents fail; its errors flag says whether any did.
              answer=$(send POST '/_bulk?filter_path=errors,items.*.error' application/x-ndjson "$file")
              case "$answer" in
                *'"errors":false'*) echo "$file: indexed" ;;
                *) echo "$file: the cluster refused documents: $answer" >&2; exit 1 ;;
              esac
            done
            send POST "/$index/_refresh" application/json /dev/null > /dev/null
            echo "loaded {{reports}} reports into $index"

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public static string Readme(string index, IReadOnlyList<string> bulkFiles, int reports, long maxFileBytes)
    {
        var range = bulkFiles.Count switch
        {
            0 => "(none: the archive has no reports)",
            1 => $"`{bulkFiles[0]}`",
            _ => $"`{bulkFiles[0]}` … `{bulkFiles[^1]}`",
        };
        var megabytes = (maxFileBytes / (1024.0 * 1024.0)).ToString("0.##", CultureInfo.InvariantCulture);
        return $$$"""
            # The archive as an OpenSearch / Elasticsearch index

            Written by `archive export --opensearch`: {{{reports}}} reports for the index `{{{index}}}` (OpenSearch 2.x, Elasticsearch 8.x).

            | file | what it holds |
            | --- | --- |
            | `mapping.json` | index settings and mappings; Chinese text is analysed into character bigrams by stock filters, no plugin needed |
            | `mapping-smartcn.json` | the same plus `.words` sub-fields segmented into words by smartcn; needs the analysis-smartcn plugin on every node |
            | {{{range}}} | the reports in the `_bulk` format, one action line and one document line each, at most {{{megabytes}}} MB per file (a larger report gets a file of its own) |
            | `load.sh` | the commands below, stopping at the first refused document: `OPENSEARCH_URL=http://localhost:9200 ./load.sh [curl options]` |

            By hand:

            ```sh
            curl -X PUT 'http://localhost:9200/{{{index}}}' -H 'Content-Type: application/json' --data-binary @mapping.json
            for f in bulk-*.ndjson; do
              curl -X POST 'http://localhost:9200/_bulk' -H 'Content-Type: application/x-ndjson' --data-binary @"$f"
            done
            ```

            A phrase query over the bigrams also finds a term inside a longer word (民工 in 农民工):

            ```sh
            curl 'http://localhost:9200/{{{index}}}/_search' -H 'Content-Type: application/json' \
              -d '{"query":{"match_phrase":{"body":"拖欠农民工工资"}},"_source":["id","title","url"]}'
            ```

            Unlike the archive's own search, punctuation and line breaks separate bigrams here, so `双随机一公开` does not
            find `双随机、一公开`; search both forms, or use the archive's search where exactness matters.

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
