package kb

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/sportello/sportello/kb/analysis"
)

// Embedder turns texts into vectors whose cosine similarity says how alike
// the texts are. The method set matches langchaingo's embeddings.Embedder,
// plus a name and a dimension that are stored with every vector: vectors
// from two different embedders are never compared.
type Embedder interface {
	// Name identifies the model and its settings, such as "hash-ngram-v1".
	Name() string
	// Dim is the length of every vector the embedder returns.
	Dim() int
	EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error)
	EmbedQuery(ctx context.Context, text string) ([]float32, error)
}

// HashEmbedder is the offline default embedder. It needs no model weights:
// it hashes the character 3- and 4-grams of every word (and the whole word)
// into a fixed number of signed buckets. It is honest about what it is, a
// lexical method, and its job is to forgive misspellings and inflections
// that exact terms miss ("rinovo cartaidentita" still lands near "rinnovo
// carta d'identità"). Semantic and cross-language matching need a real model.
type HashEmbedder struct {
	dim int
}

// DefaultHashDim is the HashEmbedder's default dimension: large enough that
// the n-grams of a short question rarely collide, small enough for an exact
// scan of 50,000 vectors per language in a few milliseconds.
const DefaultHashDim = 256

// NewHashEmbedder returns a HashEmbedder of dimension dim (DefaultHashDim if
// dim <= 0).
func NewHashEmbedder(dim int) *HashEmbedder {
	if dim <= 0 {
		dim = DefaultHashDim
	}
	return &HashEmbedder{dim: dim}
}

// Name implements Embedder.
func (h *HashEmbedder) Name() string { return fmt.Sprintf("hash-ngram-v1-%d", h.dim) }

// Dim implements Embedder.
func (h *HashEmbedder) Dim() int { return h.dim }

// EmbedDocuments implements Embedder.
func (h *HashEmbedder) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		out[i] = h.Embed(t)
	}
	return out, nil
}

// EmbedQuery implements Embedder.
func (h *HashEmbedder) EmbedQuery(_ context.Context, text string) ([]float32, error) {
	return h.Embed(text), nil
}

// Embed returns the unit vector of text (the zero vector for text without
// words).
func (h *HashEmbedder) Embed(text string) []float32 {
	v := make([]float32, h.dim)
	words := 0
	for _, w := range strings.Fields(analysis.Fold(text)) {
		if words >= analysis.MaxTerms {
			break
		}
		if analysis.IsAnyStopword(w) {
			continue
		}
		words++
		if utf8.RuneCountInString(w) > 40 {
			continue
		}
		if analysis.IsHan([]rune(w)[0]) {
			// Chinese has no spaces: a "word" is a whole clause, so its
			// characters and character pairs are the features.
			rs := []rune(w)
			for i := range rs {
				h.add(v, string(rs[i]), 1)
				if i+1 < len(rs) {
					h.add(v, string(rs[i:i+2]), 1.5)
				}
			}
			continue
		}
		h.add(v, "w:"+w, 1.5)
		rs := []rune("<" + w + ">")
		for n := 3; n <= 4; n++ {
			for i := 0; i+n <= len(rs); i++ {
				h.add(v, string(rs[i:i+n]), 1)
			}
		}
	}
	Normalize(v)
	return v
}

// add puts weight into the feature's bucket, with a sign from another hash
// bit so that collisions cancel out on average instead of piling up.
func (h *HashEmbedder) add(v []float32, feature string, weight float32) {
	f := fnv.New64a()
	f.Write([]byte(feature))
	x := f.Sum64()
	i := int(x % uint64(h.dim))
	if x>>63 == 1 {
		weight = -weight
	}
	v[i] += weight
}

// Normalize scales v to unit length in place; the zero vector stays zero.
func Normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// Dot returns the dot product of two vectors of equal length; for unit
// vectors it is their cosine similarity.
func Dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// VariantVector returns the vector stored for a variant: the normalised sum
// of the unit vectors of its question and alternate phrasings, so that a
// short query close to any one phrasing scores well. The answer is left out:
// it talks about many things and would pull unrelated queries in.
func VariantVector(ctx context.Context, e Embedder, v *Variant) ([]float32, error) {
	vecs, err := e.EmbedDocuments(ctx, Phrasings(v))
	if err != nil {
		return nil, err
	}
	return SumUnit(vecs, e.Dim())
}

// SumUnit returns the normalised sum of vecs, checking their dimension.
func SumUnit(vecs [][]float32, dim int) ([]float32, error) {
	sum := make([]float32, dim)
	for _, x := range vecs {
		if len(x) != dim {
			return nil, fmt.Errorf("embedder returned a vector of dimension %d, want %d: %w", len(x), dim, ErrInvalid)
		}
		for i := range x {
			sum[i] += x[i]
		}
	}
	Normalize(sum)
	return sum, nil
}

// Phrasings returns the question and the alternates of v.
func Phrasings(v *Variant) []string {
	return append([]string{v.Question}, v.Alternates...)
}
