package accounts

import (
	"testing"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/ledger"
)

// The model's defaults live in ledger; accrue.toml's defaults must be the
// same numbers.
func TestValueModelDefaults(t *testing.T) {
	m, th := ValueModel(config.Default())
	if m != ledger.DefaultModel() || th != ledger.DefaultThresholds() {
		t.Errorf("ValueModel(defaults) = %+v, %+v; want the ledger's defaults", m, th)
	}
}

// A weight accrue.toml names replaces the default, zero included; the
// others keep theirs.
func TestValueModelWeights(t *testing.T) {
	t.Parallel()
	zero, three := 0.0, 3.0
	cfg := config.Default()
	cfg.Value.Weights.Comment, cfg.Value.Weights.Like = &three, &zero
	m, _ := ValueModel(cfg)
	want := ledger.DefaultWeights()
	want[ledger.KindComment], want[ledger.KindLike] = 3, 0
	if m.Weights != want {
		t.Errorf("ValueModel(comment = 3, like = 0).Weights = %v; want %v", m.Weights, want)
	}
}
