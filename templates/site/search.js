/*
 * Search on the meetings website: runs in the page, no server. Each index the page loads
 * (search-index.js sets window.CPB_SEARCH) is followed by this script; a council's search page
 * loads one per committee, each script tag naming the committee and where its site is
 * (data-committee, data-base). Each run takes the index just loaded. Once the page is read,
 * the query is looked up in every index taken and the results shown together.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var sets = (window.CPB_SEARCH_SETS = window.CPB_SEARCH_SETS || []);
  if (window.CPB_SEARCH && window.MiniSearch && script) {
    var data = window.CPB_SEARCH;
    sets.push({ committee: script.dataset.committee || '', base: script.dataset.base || '', index: window.MiniSearch.loadJS(data.index, data.options) });
  }
  // An index that did not load must not be searched as the one before it.
  window.CPB_SEARCH = undefined;
  if (window.CPB_SEARCH_READY) return;
  window.CPB_SEARCH_READY = true;

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('search-form');
    var input = document.getElementById('q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    if (sets.length === 0) {
      status.textContent = 'Search is not available: its index could not be loaded.';
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
        meta.appendChild(document.createTextNode((found.set.committee ? found.set.committee + ': ' : '') + result.kind + ', meeting of '));
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
      // Searching in place keeps focus in the box; the address still records the query where it can.
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
