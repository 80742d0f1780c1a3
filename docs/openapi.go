// Package docs carries the documents the program serves itself: the
// OpenAPI description of the JSON API, served at /api/v1/openapi.yaml.
package docs

import _ "embed"

//go:embed openapi.yaml
var openapi string

// OpenAPI returns docs/openapi.yaml, the OpenAPI 3.1 description of the
// JSON API.
func OpenAPI() string { return openapi }
