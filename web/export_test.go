package web

// APIRoutes lists the JSON API's routes as "METHOD /path", for the test
// that compares them with docs/openapi.yaml. Call it after Handler.
func APIRoutes(s *Server) []string {
	var out []string
	for _, rt := range s.apiRoutes() {
		out = append(out, rt.Method+" "+rt.Path)
	}
	return out
}
