/* Search on the meetings website: runs in the page, from the index in search-index.js. No server. */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var input = document.getElementById('q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var data = window.CPB_SEARCH;
  if (!data || !window.MiniSearch) {
    status.textContent = 'Search is not available: its index could not be loaded.';
    return;
  }
  var index = window.MiniSearch.loadJS(data.index, data.options);

  function show(query) {
    list.textContent = '';
    if (!query) {
      status.textContent = '';
      return;
    }
    var results = index.search(query, { prefix: true, fuzzy: 0.15, combineWith: 'AND', boost: { title: 2 } });
    status.textContent = results.length === 0
      ? 'Nothing found for “' + query + '”.'
      : results.length + (results.length === 1 ? ' document' : ' documents') + ' found for “' + query + '”.';
    results.slice(0, 100).forEach(function (result) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = result.url;
      link.textContent = result.title;
      item.appendChild(link);
      var meta = document.createElement('p');
      meta.className = 'result-meta';
      meta.appendChild(document.createTextNode(result.kind + ', meeting of '));
      var meeting = document.createElement('a');
      meeting.href = result.meetingUrl;
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
})();
