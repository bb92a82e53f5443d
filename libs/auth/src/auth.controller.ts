import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Page, PageQueryDto } from '@app/common';
import type { Actor } from './actor';
import { AuthService } from './auth.service';
import { CurrentActor, PlannersOnly, Public } from './decorators';
import { CreateUserDto } from './dto/create-user.dto';
import { AccessTokenDto, LoginDto } from './dto/login.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { UsersService, UserView } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this account' })
  login(@Body() input: LoginDto): Promise<AccessTokenDto> {
    return this.auth.login(input);
  }

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@PlannersOnly()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() query: PageQueryDto): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Post()
  create(@Body() input: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.create(input, actor);
  }
}
