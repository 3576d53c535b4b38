/*
 * Search across a council's committees: runs in the page. The page loads each committee's own
 * index (search-index.js, which sets window.CPB_SEARCH) and then this script with that
 * committee's name and where its site is; each run takes the index just loaded. Once the page
 * is read, the query is looked up in every committee's index and the results shown together.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var sets = (window.CPB_COUNCIL_SEARCH = window.CPB_COUNCIL_SEARCH || []);
  if (window.CPB_SEARCH && window.MiniSearch && script) {
    var data = window.CPB_SEARCH;
    sets.push({ committee: script.dataset.committee, base: script.dataset.base, index: window.MiniSearch.loadJS(data.index, data.options) });
  }
  // A committee whose index did not load must not be searched as the one before it.
  window.CPB_SEARCH = undefined;
  if (window.CPB_COUNCIL_SEARCH_READY) return;
  window.CPB_COUNCIL_SEARCH_READY = true;

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('search-form');
    var input = document.getElementById('q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    if (sets.length === 0) {
      status.textContent = 'Search is not available: no committee\u2019s index could be loaded.';
      return;
    }

    function show(query) {
      list.textContent = '';
      if (!query) {
        status.textContent = '';
        return;
      }
      var results = [];
      sets.forEach(function (set) {
        set.index.search(query, { prefix: true, fuzzy: 0.15, combineWith: 'AND', boost: { title: 2 } }).forEach(function (result) {
          results.push({ set: set, result: result });
        });
      });
      results.sort(function (a, b) { return b.result.score - a.result.score; });
      status.textContent = results.length === 0
        ? 'Nothing found for \u201c' + query + '\u201d.'
        : results.length + (results.length === 1 ? ' document' : ' documents') + ' found for \u201c' + query + '\u201d.';
      results.slice(0, 100).forEach(function (found) {
        var result = found.result;
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = found.set.base + result.url;
        link.textContent = result.title;
        item.appendChild(link);
        var meta = document.createElement('p');
        meta.className = 'result-meta';
        meta.appendChild(document.createTextNode(found.set.committee + ': ' + result.kind + ', meeting of '));
        var meeting = document.createElement('a');
        meeting.href = found.set.base + result.meetingUrl;
        meeting.textContent = result.meeting;
        meta.appendChild(meeting);
        item.appendChild(meta);
        list.appendChild(item);
      });
    }

    var query = new URLSearchParams(window.location.search).get('q') || '';
    input.value = query;
    show(query.trim());
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var q = input.value.trim();
      try {
        window.history.replaceState(null, '', '?q=' + encodeURIComponent(q));
      } catch (e) {
        /* Some browsers refuse to change file: addresses; the results show all the same. */
      }
      show(q);
    });
  });
})();
