import { installSdkLogger } from '../../worker/runtime';

installSdkLogger('WARN');
