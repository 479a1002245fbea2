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
