package peers

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// table is a decoded configuration with its keys in lower case: Hugo's
// keys are case-insensitive (baseURL, baseurl), and Jekyll's and Zola's
// are lower case already.
type table map[string]any

// decode reads a configuration file by its extension.
func decode(file string, src []byte) (table, error) {
	var raw map[string]any
	var err error
	switch path.Ext(file) {
	case ".toml":
		err = toml.Unmarshal(src, &raw)
	case ".json":
		err = json.Unmarshal(src, &raw)
	default:
		err = yaml.Unmarshal(src, &raw)
	}
	if err != nil {
		return nil, err
	}
	return lower(raw), nil
}

func lower(m map[string]any) table {
	t := table{}
	for k, v := range m {
		t[strings.ToLower(k)] = lowerValue(v)
	}
	return t
}

func lowerValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return lower(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = lowerValue(e)
		}
		return out
	}
	return v
}

// str returns the string at key, "" when absent; a value of another type
// is an error naming the key.
func (t table) str(key string) (string, error) {
	v, ok := t[key]
	if !ok || v == nil {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s: want a string, not %v", key, v)
	}
	return s, nil
}

// sub returns the table at key, nil when absent.
func (t table) sub(key string) table {
	s, _ := t[key].(table)
	return s
}

// num returns the whole number at key, 0 when absent.
func (t table) num(key string) (int, error) {
	switch v := t[key].(type) {
	case nil:
		return 0, nil
	case int:
		return v, nil
	case int64:
		return int(v), nil
	case float64:
		if v == float64(int(v)) {
			return int(v), nil
		}
	}
	return 0, fmt.Errorf("%s: want a whole number, not %v", key, t[key])
}

// strs returns the strings at key: a list, or one string.
func (t table) strs(key string) ([]string, error) {
	switch v := t[key].(type) {
	case nil:
		return nil, nil
	case string:
		return []string{v}, nil
	case []any:
		var out []string
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("%s: want a list of strings, not %v", key, t[key])
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: want a list of strings, not %v", key, t[key])
}
