package mlflow

import (
	"path"
	"strings"
)

// CleanArtifactPath checks a relative artifact path from a request and
// returns it in canonical form ("" for the root). It refuses what could
// leave the artifact root: absolute paths, Windows drive or UNC forms,
// backslashes, ".." segments, NUL bytes and percent-encoded separators or
// dots that a later decoding could turn into them. Symbolic links are not
// its business: the store opens files through an os.Root.
func CleanArtifactPath(p string) (string, error) {
	bad := func() (string, error) {
		return "", Errorf(CodeInvalidParameterValue, "Invalid path: %s", p)
	}
	if strings.ContainsAny(p, "\\\x00") {
		return bad()
	}
	low := strings.ToLower(p)
	for _, enc := range []string{"%2e", "%2f", "%5c", "%00"} {
		if strings.Contains(low, enc) {
			return bad()
		}
	}
	if strings.HasPrefix(p, "/") || (len(p) >= 2 && p[1] == ':') {
		return bad()
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return bad()
		}
	}
	c := path.Clean(p)
	if c == "." {
		return "", nil
	}
	return c, nil
}
