/* Entry point: runs the screen named by <body data-page>. */

const SCREENS = {
  login: loginScreen, setup: setupScreen, sites: sitesScreen, site: siteScreen, behavior: behaviorScreen, settings: settingsScreen,
};

document.addEventListener('DOMContentLoaded', () => {
  const screen = shareId() ? shareScreen : SCREENS[document.body.dataset.page];
  if (screen) {
    screen().catch((error) => {
      const alert = $('#page-error');
      if (alert && error.status) showError(alert, error);
    });
  }
});
