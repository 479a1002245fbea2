// Site search: reads the index accrue writes at build time (see package
// generator/search for its format) and searches it in the browser. No
// service, no framework; the index is loaded on first use.
(function () {
  "use strict";
  var root = document.querySelector(".search[data-index]");
  if (!root) return;
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var MAX_RESULTS = 50;
  var MAX_EXPANSIONS = 200; // words a prefix may stand for
  var ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var indexURL = new URL(root.getAttribute("data-index"), location.href);
  var index = null, loading = null, timer = 0, shown = 0;
  var chunks = {}; // chunk number to the promise of its posts

  function get(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.statusText);
      return r.json();
    });
  }

  function load() {
    if (!loading) {
      status.textContent = "Loading the search index…";
      loading = get(indexURL).then(function (data) {
        if (data.version !== 1) throw new Error("index version " + data.version);
        var stop = {};
        data.stop.forEach(function (w) { stop[w] = true; });
        index = { chunk: data.chunk, words: data.words, hits: data.hits, stop: stop };
        return index;
      });
      loading.catch(function () { loading = null; }); // the next query tries again
    }
    return loading;
  }

  // posts returns the promise of the given posts' rows, loading the
  // chunks they are in: a page of results needs a few of a large blog's.
  function posts(ids) {
    return Promise.all(ids.map(function (id) {
      var k = Math.floor(id / index.chunk);
      if (!chunks[k]) {
        chunks[k] = get(new URL("posts-" + k + ".json", indexURL));
        chunks[k].catch(function () { delete chunks[k]; });
      }
      return chunks[k].then(function (rows) { return rows[id % index.chunk]; });
    }));
  }

  // fold lowercases and drops accents, as the index does.
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");
  }
  function terms(q) {
    var seen = {}, out = [];
    fold(q).split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
      if (w && !index.stop[w] && !seen[w]) { seen[w] = true; out.push(w); }
    });
    return out;
  }

  // first returns the position of the first word not below w.
  function first(w) {
    var lo = 0, hi = index.words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (index.words[mid] < w) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // decode adds each post of a hit list to scores, times weight, keeping
  // the best score a query word gets in a post.
  function decode(s, weight, scores) {
    var v = 0, post = 0;
    for (var i = 0; i < s.length; i++) {
      var d = ALPHABET.indexOf(s[i]);
      if (d >= 32) { v = v * 32 + d - 32; continue; }
      v = v * 32 + d;
      post += Math.floor(v / 16);
      var score = (v % 16) * weight;
      if (!(scores[post] >= score)) scores[post] = score;
      v = 0;
    }
  }

  // search returns the posts matching the query words ws, best first:
  // every one must begin a word of the post; a whole word scores more
  // than a prefix.
  function search(ws) {
    if (!ws.length) return [];
    var total = null;
    for (var k = 0; k < ws.length; k++) {
      var w = ws[k], scores = {};
      for (var i = first(w), n = 0; i < index.words.length && n < MAX_EXPANSIONS; i++, n++) {
        var word = index.words[i];
        if (word.lastIndexOf(w, 0) !== 0) break;
        decode(index.hits[i], word === w ? 1 : 0.75, scores);
      }
      var next = {};
      for (var p in scores) {
        if (total === null) next[p] = scores[p];
        else if (p in total) next[p] = total[p] + scores[p];
      }
      total = next;
    }
    var found = Object.keys(total).map(Number);
    found.sort(function (a, b) { return total[b] - total[a] || a - b; }); // newest first on a tie
    return found;
  }

  function date(iso) {
    var p = iso.split("-");
    return MONTHS[Number(p[1]) - 1] + " " + Number(p[2]) + ", " + p[0];
  }

  // marked appends text to el with each word that begins with a query
  // word in <mark>.
  function marked(el, text, ws) {
    text.split(/([^\p{L}\p{N}]+)/u).forEach(function (part, i) {
      var f = fold(part);
      if (i % 2 === 0 && part && ws.some(function (w) { return f.lastIndexOf(w, 0) === 0; })) {
        var m = document.createElement("mark");
        m.textContent = part;
        el.appendChild(m);
      } else if (part) {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  // show lists the posts found, once their rows are loaded, unless a
  // later query was shown meanwhile.
  function show(q) {
    var ws = terms(q), found = search(ws), turn = ++shown;
    return posts(found.slice(0, MAX_RESULTS)).then(function (rows) {
      if (turn === shown) render(q, ws, found, rows);
    });
  }

  function render(q, ws, found, rows) {
    list.textContent = "";
    rows.forEach(function (post) {
      var li = document.createElement("li");
      var h = document.createElement("h2");
      var a = document.createElement("a");
      // The site's own addresses only: a path, or an http(s) URL.
      a.href = /^(\/(?!\/)|https?:\/\/)/i.test(post[1]) ? post[1] : "#";
      marked(a, post[0], ws);
      h.appendChild(a);
      var t = document.createElement("time");
      t.dateTime = post[2];
      t.textContent = date(post[2]);
      li.appendChild(h);
      li.appendChild(t);
      if (post[3]) {
        var p = document.createElement("p");
        marked(p, post[3], ws);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    if (!ws.length) status.textContent = q.trim() ? "Words as common as “" + q.trim() + "” are not searched for: add another." : "";
    else if (!found.length) status.textContent = "No posts found for “" + q.trim() + "”.";
    else status.textContent = (found.length === 1 ? "1 post" : found.length + " posts") + " found for “" + q.trim() + "”" +
      (found.length > MAX_RESULTS ? ", the first " + MAX_RESULTS + " shown." : ".");
  }

  function run() {
    var q = input.value;
    var url = new URL(location.href);
    if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    load().then(function () { return show(q); }).catch(function (err) {
      status.textContent = "The search index could not be loaded (" + err.message + ").";
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });

  // Arrow keys move between the input and the results' links; Escape
  // goes back to the input.
  root.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    var to = null;
    if (e.key === "ArrowDown") to = at < 0 ? (document.activeElement === input ? 0 : null) : Math.min(at + 1, links.length - 1);
    else if (e.key === "ArrowUp" && at >= 0) to = at - 1;
    else if (e.key === "Escape" && at >= 0) to = -1;
    if (to === null || (to >= 0 && !links[to])) return;
    e.preventDefault();
    (to < 0 ? input : links[to]).focus();
  });

  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    run();
  }
})();
